import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import pg from 'pg';
import { Redis } from 'ioredis';
import { encodeSyncStep1, encodeSyncUpdate } from '@marginalia/protocol';
import {
  connectRawClient,
  connectStockClient,
  startRelayProcess,
  startTcpProxy,
  type RawSyncClient,
  type RelayProcess,
  type StockClient,
  type TcpProxy,
} from '@marginalia/testkit';

// Two real relay processes on one PostgreSQL database (a schema of this run) and one Redis
// (a channel prefix of this run). The services are required: this suite fails, never skips.
const DATABASE_URL = process.env.MARGINALIA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.MARGINALIA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const SCHEMA = `mg_scale_${run}`;
const PREFIX = `mg-scale-${run}:`;

async function dropSchema(): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await client.end();
}

/** Writes `count` map entries through a raw connection and resolves once the relay acked all as stored. */
async function writeAcked(relay: RelayProcess, docName: string, keys: readonly string[]): Promise<RawSyncClient> {
  const raw = await connectRawClient(relay.syncUrl, docName, { acks: true });
  const local = new Y.Doc();
  raw.send(encodeSyncStep1(Y.encodeStateVector(local)));
  local.on('update', (update: Uint8Array) => raw.send(encodeSyncUpdate(update)));
  keys.forEach((key, i) => local.getMap('m').set(key, i));
  await raw.acked(keys.length, 20_000);
  return raw;
}

describe('two relay processes on PostgreSQL and Redis', () => {
  const relays: RelayProcess[] = [];
  const clients: StockClient[] = [];
  const raws: RawSyncClient[] = [];
  let proxy: TcpProxy | undefined;
  const start = async (redisUrl = REDIS_URL): Promise<RelayProcess> => {
    const args = [
      '--database-url',
      DATABASE_URL,
      '--database-schema',
      SCHEMA,
      '--redis-url',
      redisUrl,
      '--redis-prefix',
      PREFIX,
    ];
    const relay = await startRelayProcess({ args });
    relays.push(relay);
    return relay;
  };
  const client = async (relay: RelayProcess, docName: string): Promise<StockClient> => {
    const stock = connectStockClient(relay.syncUrl, docName);
    clients.push(stock);
    await stock.synced();
    return stock;
  };

  beforeAll(async () => {
    await dropSchema(); // also proves PostgreSQL is reachable before any relay starts
  });
  afterEach(async () => {
    clients.splice(0).forEach((stock) => stock.destroy());
    raws.splice(0).forEach((raw) => raw.close());
    await Promise.all(relays.splice(0).flatMap((relay) => (relay.running() ? [relay.stop()] : [])));
    await proxy?.close();
    proxy = undefined;
  });
  afterAll(dropSchema);

  it('stock clients on different processes converge on doc content and awareness', async () => {
    const [a, b] = [await start(), await start()];
    expect(a.logs.find((line) => line.msg === 'listening')).toMatchObject({
      schema: SCHEMA,
      fanout: 'redis 127.0.0.1:6379',
    });
    const [alice, bob] = [await client(a, 'scale/converge'), await client(b, 'scale/converge')];
    for (let i = 0; i < 150; i++) {
      alice.doc.getMap('m').set(`a${i}`, i);
      bob.doc.getMap('m').set(`b${i}`, i);
    }
    alice.doc.getText('t').insert(0, 'alice ');
    bob.doc.getText('t').insert(0, 'bob ');
    const converged = (stock: StockClient) => () =>
      stock.doc.getMap('m').size === 300 && stock.doc.getText('t').length === 10;
    await Promise.all([
      alice.until(converged(alice), 20_000, 'alice to converge'),
      bob.until(converged(bob), 20_000, 'bob to converge'),
    ]);
    expect(alice.doc.getText('t').toString()).toBe(bob.doc.getText('t').toString());

    alice.awareness.setLocalStateField('user', { id: 'alice' });
    await bob.until(
      () => bob.awareness.getStates().get(alice.doc.clientID)?.user?.id === 'alice',
      10_000,
      'bob to see alice',
    );
    alice.destroy();
    await bob.until(() => !bob.awareness.getStates().has(alice.doc.clientID), 10_000, "alice to leave bob's awareness");
  }, 90_000);

  it('a client that echoed presence from the other process removes only its own state when it leaves', async () => {
    const [a, b] = [await start(), await start()];
    const [alice, bob] = [await client(a, 'scale/echo'), await client(b, 'scale/echo')];
    const id = (stock: StockClient): number => stock.doc.clientID;
    const sees = (stock: StockClient, other: StockClient, name: string) => () =>
      stock.awareness.getStates().get(id(other))?.user?.id === name;
    alice.awareness.setLocalStateField('user', { id: 'alice' });
    bob.awareness.setLocalStateField('user', { id: 'bob' });
    // Seeing alice, bob (a stock client) sends her state back to b: the echo precedes carol's connection.
    await bob.until(sees(bob, alice, 'alice'), 10_000, 'bob to see alice');
    await alice.until(sees(alice, bob, 'bob'), 10_000, 'alice to see bob');
    const carol = await client(b, 'scale/echo');
    await carol.until(
      () => sees(carol, alice, 'alice')() && sees(carol, bob, 'bob')(),
      10_000,
      'carol to see alice and bob',
    );
    const removed = { alice: [] as number[], carol: [] as number[] };
    alice.awareness.on('change', (change: { removed: number[] }) => removed.alice.push(...change.removed));
    carol.awareness.on('change', (change: { removed: number[] }) => removed.carol.push(...change.removed));

    // bob's connection drops without a goodbye: b removes what bob's connection owns, in one message.
    bob.provider.shouldConnect = false;
    bob.provider.ws?.close();
    await carol.until(() => !carol.awareness.getStates().has(id(bob)), 10_000, "bob to leave carol's awareness");
    await alice.until(() => !alice.awareness.getStates().has(id(bob)), 10_000, "bob to leave alice's awareness");
    expect(removed).toEqual({ alice: [id(bob)], carol: [id(bob)] });
    expect(sees(carol, alice, 'alice')()).toBe(true);
  }, 90_000);

  it('warns at start when the database is shared but the fanout is off', async () => {
    const relay = await startRelayProcess({ args: ['--database-url', DATABASE_URL, '--database-schema', SCHEMA] });
    relays.push(relay);
    const warning = await relay.waitForLog(
      (line) => line.level === 'warn' && String(line.msg).startsWith('fanout is off'),
    );
    expect(warning.msg).toBe('fanout is off: the database is shared but REDIS_URL is not set');
  }, 60_000);

  it('keeps every acknowledged update when one relay is SIGKILLed: a fresh client on the other sees it', async () => {
    const [a, b] = [await start(), await start()];
    const keys = Array.from({ length: 120 }, (_, i) => `k${i}`);
    raws.push(await writeAcked(a, 'scale/crash', keys));
    await a.kill();
    const fresh = await client(b, 'scale/crash');
    expect(fresh.doc.getMap('m').size).toBe(keys.length);
  }, 90_000);

  it('heals from storage what a Redis outage made one relay miss', async () => {
    const redis = new URL(REDIS_URL);
    proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    const a = await start();
    const b = await start(`redis://127.0.0.1:${proxy.port}`);
    const [alice, bob] = [await client(a, 'scale/heal'), await client(b, 'scale/heal')];
    alice.doc.getMap('m').set('before', 1);
    await bob.until(() => bob.doc.getMap('m').get('before') === 1, 10_000, 'bob to get the first write');

    proxy.cut(); // b loses Redis: whatever a publishes now never reaches b's subscription
    await b.waitForLog((line) => line.msg === 'redis fanout error');
    raws.push(await writeAcked(a, 'scale/heal', ['during-1', 'during-2']));
    expect(bob.doc.getMap('m').has('during-1')).toBe(false);
    proxy.restore();
    await b.waitForLog((line) => line.msg === 'fanout resync', 20_000);
    await bob.until(() => bob.doc.getMap('m').get('during-2') === 1, 10_000, 'bob to be healed');
    await alice.until(() => alice.doc.getMap('m').get('during-1') === 0, 10_000, 'alice to get the writes');
  }, 90_000);

  it('resyncs after CLIENT KILL TYPE pubsub of its subscriber, and keeps converging', async () => {
    const [a, b] = [await start(), await start()];
    const [alice, bob] = [await client(a, 'scale/kill'), await client(b, 'scale/kill')];
    const admin = new Redis(REDIS_URL);
    try {
      const list = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
      const line = list.split('\n').find((entry) => entry.includes(`:${b.pid}:sub`));
      const id = /(?:^| )id=(\d+)/.exec(line ?? '')?.[1];
      expect(id, `b's subscriber in ${list}`).toBeDefined();
      expect(await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub', 'ID', id!)).toBe(1);
    } finally {
      admin.disconnect();
    }
    alice.doc.getMap('m').set('after-kill', true);
    await b.waitForLog((entry) => entry.msg === 'fanout resync', 20_000);
    await bob.until(() => bob.doc.getMap('m').get('after-kill') === true, 10_000, 'bob to get the write');
  }, 90_000);
});
