import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectStockClient, type StockClient } from '@marginalia/testkit';
import { createRelay } from '../create-relay.js';
import { listenRelay, type RelayServer } from '../http/listen-relay.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { createLocalFanout } from './local-fanout.js';

// Two relay instances on one store, joined by the in-process fanout.
describe('two relays joined by the local fanout', () => {
  const servers: RelayServer[] = [];
  const clients: StockClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('carries updates and awareness between clients of different instances', async () => {
    const store = createMemoryStore();
    const fanout = createLocalFanout();
    for (let i = 0; i < 2; i++) servers.push(await listenRelay(createRelay({ store, fanout }), { port: 0 }));
    const [a, b] = servers.map((server) => {
      const client = connectStockClient(`${server.url.replace('http', 'ws')}/v1/sync`, 'shared/doc');
      clients.push(client);
      return client;
    }) as [StockClient, StockClient];
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getMap('m').set('from', 'a');
    b.doc.getText('t').insert(0, 'from b');
    await b.until(() => b.doc.getMap('m').get('from') === 'a', 10_000, "b to get a's map entry");
    await a.until(() => a.doc.getText('t').toString() === 'from b', 10_000, "a to get b's text");
    a.awareness.setLocalStateField('user', { id: 'alice' });
    await b.until(() => b.awareness.getStates().has(a.doc.clientID), 10_000, 'b to see alice');

    const stored = new Y.Doc();
    for (const row of await store.load('shared/doc')) Y.applyUpdate(stored, row.update);
    expect(stored.getMap('m').get('from')).toBe('a');
    expect(stored.getText('t').toString()).toBe('from b');
  });
});
