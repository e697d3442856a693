import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  encodeDurableAck,
  encodePermissionDenied,
  encodeSyncStep2,
  encodeSyncUpdate,
  type Frame,
} from '@marginalia/protocol';
import type { FrameInfo } from '../ports/admission.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { connectFake, recordingStore, requestSync, storedDoc } from '../fixtures/core-harness.js';
import { createRelayCore } from './relay-core.js';

const isStep2 = (f: Frame): f is Extract<Frame, { type: 'sync-step-2' }> => f.type === 'sync-step-2';
const isStep1 = (f: Frame): f is Extract<Frame, { type: 'sync-step-1' }> => f.type === 'sync-step-1';
const isUpdate = (f: Frame): f is Extract<Frame, { type: 'sync-update' }> => f.type === 'sync-update';
const isDenied = (f: Frame): f is Extract<Frame, { type: 'permission-denied' }> => f.type === 'permission-denied';

function updateSetting(key: string, value: unknown, doc = new Y.Doc()): Uint8Array {
  let captured: Uint8Array | undefined;
  doc.once('update', (update: Uint8Array) => (captured = update));
  doc.getMap('m').set(key, value);
  return captured as Uint8Array;
}

function setup(options: Parameters<typeof createRelayCore>[0] extends infer O ? Partial<O> : never = {}) {
  const store = recordingStore(createMemoryStore());
  const core = createRelayCore({ store, ...options });
  return { store, core };
}

describe('relay core: load before sync', () => {
  it('answers a sync step 1 only after the document loaded, with step 2 then its own step 1', async () => {
    const { store, core } = setup();
    const seed = new Y.Doc();
    seed.getMap('m').set('stored', true);
    await store.append('doc', [Y.encodeStateAsUpdate(seed)]);
    let releaseLoad = (): void => undefined;
    store.stallLoad = new Promise((resolve) => (releaseLoad = resolve));
    const client = connectFake(core, { docName: 'doc' });
    requestSync(client);
    await Promise.resolve();
    expect(client.frames).toEqual([]);
    releaseLoad();
    const step2 = await client.next(isStep2);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, step2.update);
    expect(replica.getMap('m').get('stored')).toBe(true);
    await client.next(isStep1);
    expect(client.frames.map((f) => f.type)).toEqual(['sync-step-2', 'sync-step-1']);
  });

  it('closes every connection with 1011 when the load fails, never serving or storing an empty doc', async () => {
    const { store, core } = setup();
    store.failLoad = true;
    const a = connectFake(core, { docName: 'doc' });
    const b = connectFake(core, { docName: 'doc' });
    requestSync(a);
    a.send(encodeSyncUpdate(updateSetting('k', 1)));
    expect((await a.whenClosed()).code).toBe(1011);
    expect((await b.whenClosed()).code).toBe(1011);
    expect(a.frames).toEqual([]);
    expect(store.appends).toEqual([]);
    store.failLoad = false;
    const c = connectFake(core, { docName: 'doc' });
    requestSync(c);
    await c.next(isStep2);
    expect(store.loads).toBe(2);
  });
});

describe('relay core: checked updates', () => {
  it('closes 4400 on a truncated update and touches neither the doc nor the store', async () => {
    const { store, core } = setup();
    const writer = connectFake(core, { docName: 'doc' });
    const watcher = connectFake(core, { docName: 'doc' });
    requestSync(watcher);
    await watcher.next(isStep2);
    const valid = updateSetting('k', 'x'.repeat(50));
    writer.send(encodeSyncUpdate(valid.slice(0, valid.length - 5)));
    expect((await writer.whenClosed()).code).toBe(4400);
    expect(watcher.closed).toBeUndefined();
    await core.close();
    expect(store.appends).toEqual([]);
    expect(watcher.frames.filter(isUpdate)).toEqual([]);
  });

  it('refuses writes of a read-only connection with permission-denied and stores nothing', async () => {
    const { store, core } = setup();
    const reader = connectFake(core, { docName: 'doc', canWrite: false });
    reader.send(encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc())));
    reader.send(encodeSyncUpdate(updateSetting('k', 1)));
    await reader.next(isDenied);
    expect(reader.frames.filter(isDenied)).toHaveLength(1);
    await core.close();
    expect(store.appends).toEqual([]);
  });

  it('batches the updates of one turn into one append and acknowledges them all', async () => {
    const { store, core } = setup();
    const writer = connectFake(core, { docName: 'doc' });
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => writer.send(encodeSyncUpdate(update)));
    for (let i = 0; i < 20; i++) doc.getMap('m').set(`k${i}`, i);
    await writer.next((f): f is Frame => f.type === 'durable-ack' && f.count === 20);
    expect(store.appends).toEqual([{ docName: 'doc', count: 20 }]);
    expect((await storedDoc(store, 'doc')).getMap('m').size).toBe(20);
  });
});

describe('relay core: document size', () => {
  it('closes 4413 when an update would grow the document past its limit, storing nothing of it', async () => {
    const { store, core } = setup({ maxDocBytes: 400 });
    const writer = connectFake(core, { docName: 'doc' });
    writer.send(encodeSyncUpdate(updateSetting('small', 1)));
    await writer.next((f): f is Frame => f.type === 'durable-ack' && f.count === 1);
    writer.send(encodeSyncUpdate(updateSetting('big', 'x'.repeat(500))));
    expect((await writer.whenClosed()).code).toBe(4413);
    await core.close();
    expect((await storedDoc(store, 'doc')).getMap('m').toJSON()).toEqual({ small: 1 });
  });
});

describe('relay core: pending updates and acks', () => {
  it('does not acknowledge an update held pending until its dependency arrives', async () => {
    const { core } = setup();
    const writer = connectFake(core, { docName: 'doc' });
    const source = new Y.Doc();
    const first = updateSetting('a', 1, source);
    const second = updateSetting('b', 2, source);
    writer.send(encodeSyncUpdate(second));
    writer.send(encodeSyncUpdate(updateSetting('c', 3)));
    const probe = connectFake(core, { docName: 'doc' });
    requestSync(probe);
    await probe.next(isStep2);
    await core.readDoc('doc', () => undefined);
    expect(writer.ackedCount()).toBe(0);
    writer.send(encodeSyncUpdate(first));
    await writer.next((f): f is Frame => f.type === 'durable-ack' && f.count === 3);
    expect(await core.readDoc('doc', (doc) => doc.getMap('m').toJSON())).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('closes 4413 when updates with missing dependencies exceed the pending budget', async () => {
    const { core } = setup({ maxPendingBytesPerDoc: 200 });
    const writer = connectFake(core, { docName: 'doc' });
    const source = new Y.Doc();
    updateSetting('never-sent', 0, source);
    writer.send(encodeSyncUpdate(updateSetting('big', 'x'.repeat(500), source)));
    expect((await writer.whenClosed()).code).toBe(4413);
    expect(await core.readDoc('doc', (doc) => doc.store.pendingStructs)).toBeNull();
  });
});

describe('relay core: lifecycle and compaction', () => {
  it('compacts by row count, naming exactly the merged rows, and reloads the same state', async () => {
    const { store, core } = setup({ compaction: { maxRows: 5 } });
    const writer = connectFake(core, { docName: 'doc' });
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => writer.send(encodeSyncUpdate(update)));
    for (let i = 0; i < 12; i++) {
      doc.getMap('m').set(`k${i}`, i);
      await writer.next((f): f is Frame => f.type === 'durable-ack' && f.count === i + 1);
    }
    expect(store.compactions.length).toBeGreaterThan(0);
    expect(store.compactions[0]?.mergedIds).toEqual([1, 2, 3, 4, 5, 6]);
    writer.disconnect();
    await core.close();
    const reloaded = await storedDoc(store, 'doc');
    expect(reloaded.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
    expect((await store.load('doc')).length).toBeLessThanOrEqual(6);
  });

  it('unloads a document after the last client leaves and everything is written', async () => {
    const { store, core } = setup();
    const writer = connectFake(core, { docName: 'doc' });
    writer.send(encodeSyncUpdate(updateSetting('k', 1)));
    writer.disconnect();
    expect(core.isLoaded('doc')).toBe(true);
    await core.close();
    expect(core.isLoaded('doc')).toBe(false);
    expect(store.appends).toHaveLength(1);
  });

  it('serves later clients from the room: broadcasts the same update to every other socket', async () => {
    const { core } = setup();
    const [a, b, c] = [0, 1, 2].map(() => connectFake(core, { docName: 'doc' }));
    for (const s of [a, b, c]) requestSync(s!);
    await Promise.all([a, b, c].map((s) => s!.next(isStep1)));
    a!.send(encodeSyncUpdate(updateSetting('k', 'v')));
    const [ub, uc] = await Promise.all([b!.next(isUpdate), c!.next(isUpdate)]);
    expect(ub.update).toEqual(uc.update);
    expect(a!.frames.filter(isUpdate)).toEqual([]);
  });

  it('counts a broadcast once per recipient in the frames and bytes sent (counted for all of them at once)', async () => {
    const { core } = setup();
    const [a, b, c] = [0, 1, 2].map(() => connectFake(core, { docName: 'doc' }));
    for (const s of [a, b, c]) requestSync(s!);
    await Promise.all([a, b, c].map((s) => s!.next(isStep1)));
    const [messagesBefore, bytesBefore] = [core.metrics.messagesOut.get(), core.metrics.bytesOut.get()];
    a!.send(encodeSyncUpdate(updateSetting('k', 'v'))); // broadcast at once; the ack follows the commit
    const [ub] = await Promise.all([b!.next(isUpdate), c!.next(isUpdate)]);
    expect(core.metrics.messagesOut.get() - messagesBefore).toBe(2);
    expect(core.metrics.bytesOut.get() - bytesBefore).toBe(2 * encodeSyncUpdate(ub.update).byteLength);
    await a!.next((f): f is Extract<Frame, { type: 'durable-ack' }> => f.type === 'durable-ack');
    expect(core.metrics.messagesOut.get() - messagesBefore).toBe(3);
  });
});

describe('relay core: protocol checks before limits', () => {
  it.each([
    ['durable-ack', encodeDurableAck(1)],
    ['permission-denied', encodePermissionDenied('x')],
  ])('closes 4400 server_only_message on a client-sent %s, before the meter is charged', async (_type, bytes) => {
    const { core } = setup();
    const charged: FrameInfo[] = [];
    const client = connectFake(core, { docName: 'doc' });
    const metered = core.connect(
      { docName: 'doc', canWrite: true, wantsAcks: false },
      { send: () => undefined, close: () => undefined },
      {
        charge: (frame) => void charged.push(frame),
      },
    );
    metered.receive(bytes);
    client.send(bytes);
    expect(await client.whenClosed()).toMatchObject({ code: 4400 });
    expect(core.metrics.refusals.get({ reason: 'server_only_message' })).toBe(2);
    expect(charged).toEqual([]);
  });
});

describe('relay core: a failing handler costs one connection', () => {
  it('closes only that connection with 1011, counts it, and keeps serving the others', async () => {
    const { core } = setup();
    const closed: { code: number; reason: string }[] = [];
    const broken = core.connect(
      { docName: 'doc', canWrite: true, wantsAcks: false },
      { send: () => undefined, close: (code, reason) => void closed.push({ code, reason }) },
      {
        charge: () => {
          throw new Error('meter bug');
        },
      },
    );
    expect(() => broken.receive(encodeSyncUpdate(updateSetting('k', 1)))).not.toThrow();
    expect(closed).toEqual([{ code: 1011, reason: 'internal error' }]);
    expect(core.metrics.refusals.get({ reason: 'internal' })).toBe(1);
    const healthy = connectFake(core, { docName: 'doc' });
    healthy.send(encodeSyncUpdate(updateSetting('k', 2)));
    await healthy.next((f): f is Extract<Frame, { type: 'durable-ack' }> => f.type === 'durable-ack');
    expect(healthy.closed).toBeUndefined();
  });
});
