import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncUpdate } from '@marginalia/protocol';
import { connectFake, requestSync, type FakeSocket } from '../fixtures/core-harness.js';
import type { Fanout, FanoutHealth, FanoutMessage } from '../ports/fanout.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { createLocalFanout } from './local-fanout.js';
import { createRelayCore, type RelayCore, type RelayCoreOptions } from './relay-core.js';

/** The local fanout, dropping the messages `drop` selects (what a lossy link would lose). */
function createFilteredFanout() {
  const inner = createLocalFanout();
  const control = {
    drop: (_message: FanoutMessage): boolean => false,
    health: { state: 'healthy', reason: undefined } as FanoutHealth,
  };
  const fanout: Fanout = {
    ...inner,
    publish: async (docName, message) => (control.drop(message) ? undefined : inner.publish(docName, message)),
    health: () => control.health,
  };
  return { fanout, control };
}

const cores: RelayCore[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

/** Two cores on one store; `b` has the doc loaded (a watcher joined) before anything is written. */
async function twoRelays(options: Partial<RelayCoreOptions>) {
  const store = createMemoryStore();
  const { fanout, control } = createFilteredFanout();
  const [a, b] = ['a', 'b'].map((instanceId) => createRelayCore({ store, fanout, instanceId, ...options })) as [
    RelayCore,
    RelayCore,
  ];
  cores.push(a, b);
  const writer = connectFake(a, { docName: 'doc' });
  const watcher = connectFake(b, { docName: 'doc' });
  for (const socket of [writer, watcher]) requestSync(socket);
  await Promise.all([writer, watcher].map((socket) => socket.next((f) => f.type === 'sync-step-1')));
  const local = new Y.Doc();
  local.on('update', (update: Uint8Array) => writer.send(encodeSyncUpdate(update)));
  /** What b's loaded copy holds under `key`. */
  const atB = (key: string) => b.readDoc('doc', (doc) => doc.getMap('m').get(key));
  return { a, b, control, local, writer, watcher, atB };
}

const acked = (socket: FakeSocket, count: number) =>
  vi.waitFor(() => expect(socket.ackedCount()).toBeGreaterThanOrEqual(count));

describe('anti-entropy between relays', () => {
  it('a relay whose copy lags behind another relay digest rereads storage (lost inserts)', async () => {
    const { b, control, local, writer, atB } = await twoRelays({ antiEntropyMs: 50, antiEntropy: { graceMs: 50 } });
    control.drop = (message) => message.kind === 'update';
    local.getMap('m').set('lost', 1);
    await acked(writer, 1);
    await vi.waitFor(async () => expect(await atB('lost')).toBe(1), { timeout: 3000 });
    expect(b.metrics.resyncs.get({ cause: 'state_vector' })).toBeGreaterThan(0);
  });

  it('finds lost deletions too (they do not move the state vector)', async () => {
    const { b, control, local, writer, atB } = await twoRelays({ antiEntropyMs: 50, antiEntropy: { graceMs: 50 } });
    local.getMap('m').set('gone', 1);
    await vi.waitFor(async () => expect(await atB('gone')).toBe(1));
    control.drop = (message) => message.kind === 'update';
    local.getMap('m').delete('gone');
    await acked(writer, 2);
    await vi.waitFor(async () => expect(await atB('gone')).toBeUndefined(), { timeout: 3000 });
    expect(b.metrics.resyncs.get({ cause: 'state_vector' })).toBeGreaterThan(0);
  });

  it('an update from the fanout that stays pending (its dependency was lost) triggers a reread', async () => {
    const { b, control, local, writer, atB } = await twoRelays({ antiEntropyMs: 60_000 });
    let dropped = 0;
    control.drop = (message) => message.kind === 'update' && dropped++ === 0; // only the first update
    local.getMap('m').set('first', 1);
    await acked(writer, 1);
    local.getMap('m').set('second', 2); // same Yjs client, next clock: depends on the lost one
    await vi.waitFor(async () => expect(await atB('second')).toBe(2), { timeout: 3000 });
    expect(await atB('first')).toBe(1);
    expect(b.metrics.resyncs.get({ cause: 'pending' })).toBe(1);
    expect(b.metrics.pendingBytes.get({ doc: 'doc' })).toBe(0);
  });

  it('while the fanout is unhealthy, every loaded document polls storage', async () => {
    const { b, control, local, writer, atB } = await twoRelays({ antiEntropyMs: 50 });
    control.drop = () => true;
    control.health = { state: 'unhealthy', reason: 'test: subscriber silent' };
    local.getMap('m').set('during', 1);
    await acked(writer, 1);
    await vi.waitFor(async () => expect(await atB('during')).toBe(1), { timeout: 3000 });
    expect(b.metrics.resyncs.get({ cause: 'fanout_unhealthy' })).toBeGreaterThan(0);
    expect(b.fanoutHealth()).toEqual({ state: 'unhealthy', reason: 'test: subscriber silent' });
  });

  it('counts fanout messages by kind, and publishes no digest for a document it never wrote', async () => {
    const { a, b, local, writer, atB } = await twoRelays({ antiEntropyMs: 50, antiEntropy: { graceMs: 50 } });
    local.getMap('m').set('k', 1);
    await acked(writer, 1);
    await vi.waitFor(async () => expect(await atB('k')).toBe(1));
    await vi.waitFor(() => expect(b.metrics.fanoutReceived.get({ kind: 'state-vector' })).toBeGreaterThan(0));
    expect(a.metrics.fanoutPublished.get({ kind: 'update' })).toBe(1);
    expect(b.metrics.fanoutReceived.get({ kind: 'update' })).toBe(1);
    expect(b.metrics.fanoutPublished.get({ kind: 'state-vector' })).toBe(0);
    expect(b.metrics.resyncs.get({ cause: 'state_vector' })).toBe(0);
  });
});
