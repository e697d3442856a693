import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '@marginalia/testkit';
import { beforeUnloadGuard } from './before-unload-guard.js';
import type { Client } from './client.js';
import type { EventTargetLike } from './client-options.js';
import { nodeClient, synced, waitForHandle } from './fixtures/node-client.js';

/** A `window` stand-in that dispatches one beforeunload event and says whether a guard objected. */
function fakeWindow(): EventTargetLike & { unload(): boolean } {
  const listeners = new Map<string, Set<(event: unknown) => void>>();
  return {
    addEventListener: (type, listener) => void listeners.set(type, (listeners.get(type) ?? new Set()).add(listener)),
    removeEventListener: (type, listener) => void listeners.get(type)?.delete(listener),
    unload() {
      let prevented = false;
      const event = { preventDefault: () => (prevented = true), returnValue: '' };
      listeners.get('beforeunload')?.forEach((listener) => listener(event));
      return prevented;
    },
  };
}

describe('unsyncedChanges counts what a user would call their changes', () => {
  let relay: RelayProcess;
  const clients: Client[] = [];
  beforeAll(async () => {
    relay = await startRelayProcess();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await relay?.stop();
  });
  const client = (id: string, options: Parameters<typeof nodeClient>[2] = {}) => {
    const made = nodeClient(relay, { id, name: id.toUpperCase() }, options);
    clients.push(made);
    return made;
  };

  it('a 26-character word typed offline and 3 highlights count as 4 changes, kept across a reload', async () => {
    const made = client('alice', { autoConnect: false });
    const handle = made.open('count/offline');
    await handle.whenLoaded;
    const note = handle.model.notes.create({ body: '' });
    const body = handle.model.notes.body(note.id);
    for (const char of 'abcdefghijklmnopqrstuvwxyz') body.insert(body.length, char); // an editor binding, key by key
    for (const ref of ['r1', 'r2', 'r3']) handle.model.highlights.create({ anchor: { kind: 'ref', ref } });
    expect(handle.unsyncedChanges).toBe(4);
    expect(made.unsyncedChanges).toBe(4);
    const window = fakeWindow();
    beforeUnloadGuard(made, window);
    expect(window.unload()).toBe(true);
    made.connect();
    await synced(handle);
    expect(handle.unsyncedChanges).toBe(0);
    expect(window.unload()).toBe(false);
  });

  it('opening a document (others\' content, read markers, registering the user) counts 0, and the visitor gets no "Leave site?"', async () => {
    const writer = client('bob').open('count/visit');
    await synced(writer);
    for (const ref of ['a', 'b']) writer.model.highlights.create({ anchor: { kind: 'ref', ref } });
    await synced(writer);

    const visitor = client('carol');
    const window = fakeWindow();
    beforeUnloadGuard(visitor, window);
    const handle = visitor.open('count/visit');
    await handle.whenLoaded;
    expect(handle.unsyncedChanges).toBe(0);
    await waitForHandle(handle, (h) => h.model.highlights.list().length === 2, 'the visitor to get the highlights');
    handle.model.unread.markRead();
    expect(handle.unsyncedChanges).toBe(0);
    expect(window.unload()).toBe(false);
    await synced(handle);
    expect(handle.unsyncedChanges).toBe(0);
  });
});
