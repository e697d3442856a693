import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncUpdate, type Frame } from '@marginalia/protocol';
import { createMemoryStore } from '../storage/memory-store.js';
import { connectFake, recordingStore, requestSync } from '../fixtures/core-harness.js';
import { createRelayCore } from './relay-core.js';

const isStep2 = (f: Frame): f is Extract<Frame, { type: 'sync-step-2' }> => f.type === 'sync-step-2';
const isStep1 = (f: Frame): f is Extract<Frame, { type: 'sync-step-1' }> => f.type === 'sync-step-1';
const isUpdate = (f: Frame): f is Extract<Frame, { type: 'sync-update' }> => f.type === 'sync-update';

function docWith(entries: Record<string, number>): Y.Doc {
  const doc = new Y.Doc();
  for (const [key, value] of Object.entries(entries)) doc.getMap('m').set(key, value);
  return doc;
}

const content = (doc: Y.Doc): unknown => doc.getMap('m').toJSON();

/** A store holding `rows` for 'doc', with its load held until `release()`; and a core over it. */
async function stalledCore(rows: Uint8Array[]) {
  const store = recordingStore(createMemoryStore());
  for (const row of rows) await store.append('doc', [row]);
  let release = (): void => undefined;
  store.stallLoad = new Promise((resolve) => (release = resolve));
  return { core: createRelayCore({ store }), release };
}

describe('relay core: a fresh client served from storage (one stored row)', () => {
  it('gets the stored row itself as its sync step 2, then the relay state vector once the doc is rebuilt', async () => {
    const stored = docWith({ a: 1, b: 2 });
    const row = Y.encodeStateAsUpdate(stored);
    const { core, release } = await stalledCore([row]);
    const client = connectFake(core, { docName: 'doc' });
    requestSync(client);
    release();
    const step2 = await client.next(isStep2);
    expect(step2.update).toEqual(row);
    // Served before the rebuild: the relay's own step 1 (which needs the doc) has not gone out yet.
    expect(client.frames.map((f) => f.type)).toEqual(['sync-step-2']);
    const step1 = await client.next(isStep1);
    expect(step1.stateVector).toEqual(Y.encodeStateVector(stored));
    expect(client.frames.map((f) => f.type)).toEqual(['sync-step-2', 'sync-step-1']);
  });

  it('a client that already holds some of the doc gets only what it lacks, from the rebuilt doc', async () => {
    const stored = docWith({ a: 1 });
    const { core, release } = await stalledCore([Y.encodeStateAsUpdate(stored)]);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(stored));
    replica.getMap('m').set('mine', 3);
    const client = connectFake(core, { docName: 'doc' });
    requestSync(client, replica);
    release();
    const step2 = await client.next(isStep2);
    Y.applyUpdate(replica, step2.update);
    expect(content(replica)).toEqual({ a: 1, mine: 3 });
    expect(step2.update).not.toEqual(Y.encodeStateAsUpdate(stored));
  });

  it('with several stored rows, a fresh client gets all of them (from the rebuilt doc)', async () => {
    const doc = new Y.Doc();
    const rows: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => rows.push(update));
    doc.getMap('m').set('a', 1);
    doc.getMap('m').set('b', 2);
    const { core, release } = await stalledCore(rows);
    const client = connectFake(core, { docName: 'doc' });
    requestSync(client);
    release();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, (await client.next(isStep2)).update);
    expect(content(replica)).toEqual({ a: 1, b: 2 });
  });

  it('an update another client sent while the doc loaded reaches the client served early', async () => {
    const stored = docWith({ a: 1 });
    const { core, release } = await stalledCore([Y.encodeStateAsUpdate(stored)]);
    const writer = connectFake(core, { docName: 'doc' });
    const reader = connectFake(core, { docName: 'doc' });
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(stored));
    let update: Uint8Array | undefined;
    local.once('update', (u: Uint8Array) => (update = u));
    local.getMap('m').set('b', 2);
    writer.send(encodeSyncUpdate(update as Uint8Array));
    requestSync(reader);
    release();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, (await reader.next(isStep2)).update);
    Y.applyUpdate(replica, (await reader.next(isUpdate)).update);
    expect(content(replica)).toEqual({ a: 1, b: 2 });
  });
});
