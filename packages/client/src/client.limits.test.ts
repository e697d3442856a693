import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '@marginalia/testkit';
import type { Client } from './client.js';
import type { ClientError } from './client-error.js';
import { nodeClient, sameState, synced, waitForHandle } from './fixtures/node-client.js';
import { createSocketSpy } from './fixtures/socket-spy.js';

/** A relay whose frame limit (64 KiB) is far smaller than the changes, and whose byte burst is tight. */
const LIMITS = {
  MAX_FRAME_BYTES: '65536',
  BYTES_PER_SECOND: '1048576',
  BYTE_BURST: '262144',
  MAX_DOC_BYTES: '1500000',
};

describe('client against a relay with small limits: negotiated, split and paced sends; edit-time refusals', () => {
  let relay: RelayProcess;
  const clients: Client[] = [];
  beforeAll(async () => {
    relay = await startRelayProcess({ env: LIMITS });
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

  it('learns the limits and sends a 400 KB paste in frames under the frame limit, paced to the byte rate; another client gets it', async () => {
    const spy = createSocketSpy();
    const alice = client('alice', { WebSocket: spy.WebSocket }).open('limits/paste');
    await synced(alice);
    let retries = 0;
    alice.on('retry', () => (retries += 1));
    const note = alice.model.notes.create({ body: '' });
    const paste = 'Alice was beginning to get very tired of sitting by her sister on the bank. 🐇 '.repeat(5000);
    alice.model.notes.insertText(note.id, 0, paste);
    await synced(alice);
    const updates = spy.sent.filter((frame) => frame.type === 'sync-update' || frame.type === 'sync-step-2');
    expect(updates.length).toBeGreaterThan(6);
    for (const frame of updates) expect('update' in frame && frame.update.byteLength).toBeLessThanOrEqual(65536);
    expect(alice.unsyncedChanges).toBe(0);
    // Never stopped for the frame size (4413). Paced to the byte rate, so no 4429 either, unless the relay
    // stalls and then reads many frames at once (a retry then, which resumes where the acks left off).
    expect(alice.stoppedBy).toBeUndefined();
    expect(retries).toBeLessThanOrEqual(1);

    const bob = client('bob').open('limits/paste');
    await waitForHandle(
      bob,
      (h) => h.model.notes.get(note.id) !== undefined && h.model.notes.body(note.id).length === paste.length,
      'bob to get the paste',
    );
    expect(sameState(alice.doc, bob.doc)).toBe(true);
  });

  it('an offline backlog larger than a frame goes out split in the sync step 2 when the client connects', async () => {
    const made = client('carol', { autoConnect: false });
    const carol = made.open('limits/backlog');
    await carol.whenLoaded;
    for (let index = 0; index < 3; index += 1) {
      const note = carol.model.notes.create({ body: '' });
      carol.model.notes.insertText(note.id, 0, `offline ${index} `.repeat(10_000));
    }
    made.connect();
    await synced(carol);
    expect(carol.unsyncedChanges).toBe(0);
    const dave = client('dave').open('limits/backlog');
    await waitForHandle(dave, (h) => h.model.notes.list().length === 3, 'dave to get the backlog');
  });

  it('refuses a change past maxFieldBytes at edit time with a typed error, undoes it, and later edits still sync', async () => {
    const erin = client('erin', { maxFieldBytes: 500_000 }).open('limits/field');
    await synced(erin);
    const errors: ClientError[] = [];
    erin.on('error', (error) => errors.push(error));
    const note = erin.model.notes.create({ body: 'keep me' });
    erin.model.notes.insertText(note.id, 7, 'x'.repeat(600_000));
    expect(errors.map((error) => error.code)).toEqual(['field_too_large']);
    expect(errors[0]?.limit).toEqual({ bytes: 600_007, maxBytes: 500_000, noteId: note.id });
    expect(errors[0]?.message).toContain('This note is too large to sync: 0.6 MB of at most 0.5 MB');
    expect(erin.model.notes.body(note.id).toString()).toBe('keep me');
    erin.model.notes.insertText(note.id, 7, ' and this');
    await synced(erin);
    const frank = client('frank').open('limits/field');
    await waitForHandle(
      frank,
      (h) => h.model.notes.get(note.id) !== undefined && h.model.notes.body(note.id).toString() === 'keep me and this',
      'frank to get the later edit',
    );
    expect(sameState(erin.doc, frank.doc)).toBe(true);
  });

  it('refuses a change that would pass the relay document limit (learned from the relay) with doc_too_large', async () => {
    const gina = client('gina').open('limits/doc');
    await synced(gina);
    const errors: ClientError[] = [];
    gina.on('error', (error) => errors.push(error));
    for (let index = 0; index < 3; index += 1) {
      const note = gina.model.notes.create({ body: '' });
      gina.model.notes.insertText(note.id, 0, 'y'.repeat(600_000));
    }
    expect(errors.map((error) => error.code)).toEqual(['doc_too_large']);
    expect(errors[0]?.limit?.maxBytes).toBe(1_500_000);
    const kept = gina.model.notes.list().map((note) => gina.model.notes.body(note.id).length);
    expect(kept.sort()).toEqual([0, 600_000, 600_000]);
    await synced(gina);
    expect(gina.status).toBe('synced');
  });
});
