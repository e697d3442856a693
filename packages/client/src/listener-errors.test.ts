import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Client } from './client.js';
import type { ClientError } from './client-error.js';
import { createEmitter } from './emitter.js';
import { nodeClient } from './fixtures/node-client.js';

// An app's listener that throws must never take the process down (a rethrow in a microtask would
// be an uncaught exception in Node): it is reported as a `listener_failed` error event.
describe('listeners that throw', () => {
  const clients: Client[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  const client = (): Client => {
    const made = nodeClient(
      { url: 'ws://127.0.0.1:9' },
      { id: 'alice', name: 'Alice' },
      { localStore: 'memory', autoConnect: false },
    );
    clients.push(made);
    return made;
  };

  it('reports a throwing handle listener as listener_failed on the handle and the client; the other listeners still run', async () => {
    const app = client();
    const clientErrors: Array<[ClientError, string]> = [];
    app.on('error', (error, docName) => clientErrors.push([error, docName]));
    const handle = app.open('band-7/setlists');
    const handleErrors: ClientError[] = [];
    handle.on('error', (error) => handleErrors.push(error));
    const bug = new Error('app bug');
    handle.on('unsynced', () => {
      throw bug;
    });
    const seen: number[] = [];
    handle.on('unsynced', (count) => seen.push(count));
    handle.model.notes.create({ body: 'a note' });
    await handle.whenLoaded;

    expect(seen.length).toBeGreaterThan(0);
    expect(handleErrors[0]).toMatchObject({ code: 'listener_failed', cause: bug });
    expect(handleErrors[0]?.message).toContain('"unsynced"');
    expect(clientErrors[0]?.[0]).toBe(handleErrors[0]);
    expect(clientErrors[0]?.[1]).toBe('band-7/setlists');
  });

  it('reports a throwing presence listener, and a throwing error listener to the client only', () => {
    const app = client();
    const clientErrors: ClientError[] = [];
    app.on('error', (error) => clientErrors.push(error));
    const handle = app.open('doc');
    handle.presence.on('change', () => {
      throw new Error('presence bug');
    });
    handle.on('error', () => {
      throw new Error('error listener bug');
    });
    handle.presence.set({ typing: 'note-1' });
    // The handle's error listener runs (and throws) before the client hears of the presence bug.
    expect(clientErrors.map((error) => error.message)).toEqual([
      'listener_failed: a listener of "error" threw: error listener bug',
      'listener_failed: a listener of "presence change" threw: presence bug',
    ]);
  });

  it('logs a throwing client error listener to console.error instead of rethrowing', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = client();
    app.on('error', () => {
      throw new Error('last resort');
    });
    const handle = app.open('doc');
    handle.presence.on('change', () => {
      throw new Error('presence bug');
    });
    expect(() => handle.presence.set({ status: 'away' })).not.toThrow();
    expect(logged).toHaveBeenCalledWith(
      'marginalia: a listener of "error" threw',
      expect.objectContaining({ message: 'last resort' }),
    );
  });

  it('an emitter without a handler logs, and a handler that throws is logged too', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const plain = createEmitter<{ tick: [] }>();
    plain.on('tick', () => {
      throw new Error('plain');
    });
    const failing = createEmitter<{ tick: [] }>(() => {
      throw new Error('handler');
    });
    failing.on('tick', () => {
      throw new Error('listener');
    });
    plain.emit('tick');
    failing.emit('tick');
    expect(logged.mock.calls.map(([, error]) => (error as Error).message)).toEqual(['plain', 'handler']);
  });
});
