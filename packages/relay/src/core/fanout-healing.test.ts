import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncUpdate } from '@marginalia/protocol';
import { connectRawClient, connectStockClient, type RawSyncClient, type StockClient } from '@marginalia/testkit';
import { createRelay } from '../create-relay.js';
import { listenRelay, type RelayServer } from '../http/listen-relay.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Fanout, FanoutMessage, FanoutResyncCause } from '../ports/fanout.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { createLocalFanout } from './local-fanout.js';

/** The local fanout, plus a switch that drops every message (a Redis outage) and a resync trigger. */
function createLossyFanout() {
  const inner = createLocalFanout();
  const resyncListeners = new Set<(cause: FanoutResyncCause) => void>();
  const published: FanoutMessage[] = [];
  let dropping = false;
  const fanout: Fanout = {
    ...inner,
    async publish(docName, message) {
      published.push(message);
      if (!dropping) await inner.publish(docName, message);
    },
    onResync(listener) {
      resyncListeners.add(listener);
      return () => void resyncListeners.delete(listener);
    },
  };
  return {
    fanout,
    published,
    drop: (on: boolean) => void (dropping = on),
    resync: () => resyncListeners.forEach((listener) => listener('reconnect')),
  };
}

/** A store that counts the rows each instance appends, over one shared backing store. */
function countingStore(backing: DocumentStore) {
  const counter = { appended: 0 };
  const store: DocumentStore = {
    ...backing,
    async append(docName, updates) {
      counter.appended += updates.length;
      return backing.append(docName, updates);
    },
    async appendBatch(entries) {
      counter.appended += entries.reduce((sum, entry) => sum + entry.updates.length, 0);
      return backing.appendBatch?.(entries) ?? [];
    },
    close: async () => undefined,
  };
  return { store, counter };
}

describe('healing fan-out gaps from storage', () => {
  const servers: RelayServer[] = [];
  const clients: StockClient[] = [];
  const raws: RawSyncClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    raws.splice(0).forEach((raw) => raw.close());
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  const twoRelays = async (fanout: Fanout, stores: DocumentStore[]) => {
    for (const store of stores) servers.push(await listenRelay(createRelay({ store, fanout }), { port: 0 }));
    return servers.map((server) => `${server.url.replace('http', 'ws')}/v1/sync`);
  };
  /** Writes `key` through a raw connection on `syncUrl` and resolves once the relay acked it as stored. */
  const writeAcked = async (syncUrl: string, key: string): Promise<void> => {
    const raw = await connectRawClient(syncUrl, 'heal/doc', { acks: true });
    raws.push(raw);
    const local = new Y.Doc();
    raw.send(encodeSyncStep1(Y.encodeStateVector(local)));
    local.on('update', (update: Uint8Array) => raw.send(encodeSyncUpdate(update)));
    local.getMap('m').set(key, true);
    await raw.acked(1);
  };

  it('a client of the other instance gets what the fanout lost once the fanout resyncs', async () => {
    const lossy = createLossyFanout();
    const [urlA, urlB] = await twoRelays(
      lossy.fanout,
      [createMemoryStore()].flatMap((s) => [s, s]),
    );
    const watcher = connectStockClient(urlB!, 'heal/doc');
    clients.push(watcher);
    await watcher.synced();

    lossy.drop(true);
    await writeAcked(urlA!, 'lost');
    expect(lossy.published.some((message) => message.kind === 'update')).toBe(true);
    expect(watcher.doc.getMap('m').has('lost')).toBe(false);

    lossy.drop(false);
    lossy.resync();
    await watcher.until(() => watcher.doc.getMap('m').get('lost') === true, 10_000, 'the lost update to be healed');
  });

  it('stores an update once: the instance that received it through the fanout does not append it', async () => {
    const fanout = createLocalFanout();
    const backing = createMemoryStore();
    const [a, b] = [countingStore(backing), countingStore(backing)];
    const [urlA, urlB] = await twoRelays(fanout, [a.store, b.store]);
    const watcher = connectStockClient(urlB!, 'heal/doc');
    clients.push(watcher);
    await watcher.synced();
    await writeAcked(urlA!, 'once');
    await watcher.until(() => watcher.doc.getMap('m').get('once') === true);
    expect(a.counter.appended).toBe(1);
    expect(b.counter.appended).toBe(0);
    expect(await backing.load('heal/doc')).toHaveLength(1);
  });

  it('publishes an update only after the store committed it', async () => {
    const lossy = createLossyFanout();
    const backing = createMemoryStore();
    let release: () => void = () => undefined;
    let appendStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (appendStarted = resolve));
    const gated: DocumentStore = {
      ...backing,
      async appendBatch(entries) {
        appendStarted();
        await new Promise<void>((resolve) => (release = resolve));
        return backing.appendBatch?.(entries) ?? [];
      },
    };
    const [urlA] = await twoRelays(lossy.fanout, [gated]);
    const writing = writeAcked(urlA!, 'gated');
    await started;
    expect(lossy.published.filter((message) => message.kind === 'update')).toEqual([]);
    release();
    await writing;
    expect(lossy.published.filter((message) => message.kind === 'update')).toHaveLength(1);
  });
});
