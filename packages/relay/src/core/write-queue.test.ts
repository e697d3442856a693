import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncUpdate, type Frame } from '@marginalia/protocol';
import { connectFake, recordingStore, requestSync, storedDoc, type FakeSocket } from '../fixtures/core-harness.js';
import { gatedBatchStore } from '../fixtures/gated-batch-store.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { createRelayCore, type RelayCoreOptions } from './relay-core.js';

const isStep2 = (f: Frame): f is Extract<Frame, { type: 'sync-step-2' }> => f.type === 'sync-step-2';
const ackOf =
  (count: number) =>
  (f: Frame): f is Frame =>
    f.type === 'durable-ack' && f.count === count;

function updateSetting(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  let captured: Uint8Array | undefined;
  doc.once('update', (update: Uint8Array) => (captured = update));
  doc.getMap('m').set(key, value);
  return captured as Uint8Array;
}

/** One synced client per document `doc-0` ... `doc-<n-1>`. */
async function syncedClients(core: ReturnType<typeof createRelayCore>, n: number): Promise<FakeSocket[]> {
  const clients = Array.from({ length: n }, (_, i) => connectFake(core, { docName: `doc-${i}` }));
  clients.forEach((client) => requestSync(client));
  await Promise.all(clients.map((client) => client.next(isStep2)));
  return clients;
}

/** A few turns of the event loop: enough for anything the relay would do without the store. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

function setup(options: Partial<RelayCoreOptions> = {}) {
  const store = gatedBatchStore(createMemoryStore());
  const core = createRelayCore({ store, ...options });
  return { store, core };
}

describe('write queue: group commit across documents', () => {
  it.each([0, 2])(
    'commits the updates of many documents of one turn in one appendBatch and acks only after it (window %i ms)',
    async (persistWindowMs) => {
      const { store, core } = setup({ persistWindowMs });
      const clients = await syncedClients(core, 10);
      let release = (): void => undefined;
      store.gate = new Promise((resolve) => (release = resolve));
      clients.forEach((client, i) => client.send(encodeSyncUpdate(updateSetting('k', i))));
      await store.whenBatches(1);
      await turns(5);
      expect(store.batches).toEqual([clients.map((_, i) => ({ docName: `doc-${i}`, count: 1 }))]);
      expect(clients.map((client) => client.ackedCount())).toEqual(clients.map(() => 0));
      release();
      await Promise.all(clients.map((client) => client.next(ackOf(1))));
      expect(store.batches).toHaveLength(1);
      expect(store.appends).toEqual([]);
      for (let i = 0; i < 10; i += 1) expect((await storedDoc(store, `doc-${i}`)).getMap('m').get('k')).toBe(i);
      await core.close();
    },
  );

  it('acks nothing and closes every connection of the batch with 1011 when the batch fails; other docs go on', async () => {
    const { store, core } = setup();
    const [idle, ...writers] = await syncedClients(core, 6);
    store.failBatch = new Error('disk full');
    writers.forEach((client, i) => client.send(encodeSyncUpdate(updateSetting('k', i))));
    const closed = await Promise.all(writers.map((client) => client.whenClosed()));
    expect(closed.map((c) => c.code)).toEqual(writers.map(() => 1011));
    expect(writers.map((client) => client.ackedCount())).toEqual(writers.map(() => 0));
    expect(store.batches).toEqual([writers.map((_, i) => ({ docName: `doc-${i + 1}`, count: 1 }))]);
    for (let i = 1; i < 6; i += 1) expect(await store.load(`doc-${i}`)).toEqual([]);
    store.failBatch = undefined;
    idle!.send(encodeSyncUpdate(updateSetting('still', 'open')));
    await idle!.next(ackOf(1));
    expect(idle!.closed).toBeUndefined();
    await core.close();
  });

  it('puts what arrives during a write into the next batch, after it, keeping per-document order', async () => {
    const { store, core } = setup();
    const [a, b] = await syncedClients(core, 2);
    let release = (): void => undefined;
    store.gate = new Promise((resolve) => (release = resolve));
    a!.send(encodeSyncUpdate(updateSetting('first', 1)));
    await store.whenBatches(1);
    store.gate = undefined;
    a!.send(encodeSyncUpdate(updateSetting('second', 2)));
    b!.send(encodeSyncUpdate(updateSetting('other', 3)));
    await turns(5);
    expect(store.batches).toHaveLength(1);
    release();
    await Promise.all([a!.next(ackOf(2)), b!.next(ackOf(1))]);
    expect(store.batches).toEqual([
      [{ docName: 'doc-0', count: 1 }],
      [
        { docName: 'doc-0', count: 1 },
        { docName: 'doc-1', count: 1 },
      ],
    ]);
    const rows = await store.load('doc-0');
    expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id)].sort((x, y) => x - y));
    expect((await storedDoc(store, 'doc-0')).getMap('m').toJSON()).toEqual({ first: 1, second: 2 });
    await core.close();
  });

  it('with persistWindowMs, groups updates of several turns into one commit', async () => {
    const { store, core } = setup({ persistWindowMs: 300 });
    const [a, b] = await syncedClients(core, 2);
    a!.send(encodeSyncUpdate(updateSetting('k', 1)));
    await turns(2);
    b!.send(encodeSyncUpdate(updateSetting('k', 2)));
    await Promise.all([a!.next(ackOf(1)), b!.next(ackOf(1))]);
    expect(store.batches).toEqual([
      [
        { docName: 'doc-0', count: 1 },
        { docName: 'doc-1', count: 1 },
      ],
    ]);
    await core.close();
  });

  it('refuses a negative window', () => {
    expect(() => setup({ persistWindowMs: -1 })).toThrow(RangeError);
  });
});

describe('write queue: stores without appendBatch', () => {
  it('appends once per document, and a document whose append fails fails alone', async () => {
    const inner = createMemoryStore();
    const store = recordingStore({ ...inner, appendBatch: undefined });
    const core = createRelayCore({
      store: {
        ...store,
        append: (docName, updates) =>
          docName === 'doc-2' ? Promise.reject(new Error('disk full')) : store.append(docName, updates),
      },
    });
    const [a, b, failing] = await syncedClients(core, 3);
    a!.send(encodeSyncUpdate(updateSetting('k', 1)));
    b!.send(encodeSyncUpdate(updateSetting('k', 2)));
    failing!.send(encodeSyncUpdate(updateSetting('k', 3)));
    await Promise.all([a!.next(ackOf(1)), b!.next(ackOf(1))]);
    expect((await failing!.whenClosed()).code).toBe(1011);
    expect(failing!.ackedCount()).toBe(0);
    expect(store.appends).toEqual([
      { docName: 'doc-0', count: 1 },
      { docName: 'doc-1', count: 1 },
    ]);
    await core.close();
  });
});
