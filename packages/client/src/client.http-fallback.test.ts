import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '@marginalia/model';
import { mintToken } from '@marginalia/relay';
import {
  connectStockClient,
  startRelayProcess,
  startUpgradeGateProxy,
  waitUntil,
  type RelayProcess,
  type StockClient,
  type UpgradeGateProxy,
} from '@marginalia/testkit';
import type { Client } from './client.js';
import type { ClientOptions } from './client-options.js';
import type { DocHandle } from './doc-handle.js';
import { nodeClient, waitForHandle } from './fixtures/node-client.js';
import { freeze, thaw } from './fixtures/relay.js';
import type { SyncStateKind } from './sync-state.js';

// The real relay process behind a loopback HTTP proxy that answers every WebSocket upgrade with 403 and
// forwards plain HTTP (a corporate proxy that blocks websockets).
let relay: RelayProcess;
let proxy: UpgradeGateProxy;
const clients: Client[] = [];
const stocks: StockClient[] = [];
beforeAll(async () => {
  relay = await startRelayProcess();
  proxy = await startUpgradeGateProxy(relay.port, { refusing: true });
});
afterAll(async () => {
  stocks.forEach((stock) => stock.destroy());
  await Promise.all(clients.map((client) => client.close()));
  await proxy?.close();
  await relay?.stop();
});

const quick: Partial<ClientOptions> = {
  backoff: { initialMs: 100, maxMs: 400 },
  httpFallback: { minPollMs: 100, maxPollMs: 800, socketRetryMs: 300 },
  probeIntervalMs: 0,
};
const behindProxy = (id: string, options: Partial<ClientOptions> = {}): Client => {
  const client = nodeClient({ url: proxy.wsUrl }, { id, name: id.toUpperCase() }, { ...quick, ...options });
  clients.push(client);
  return client;
};
const stockOnRelay = (docName: string): StockClient => {
  const stock = connectStockClient(`ws://127.0.0.1:${relay.port}/v1/sync`, docName);
  stocks.push(stock);
  return stock;
};
const reach = (handle: DocHandle, kind: SyncStateKind) =>
  waitUntil(
    () => handle.state.kind === kind,
    (on) => handle.on('state', on),
    { timeoutMs: 15_000, what: `${handle.name} to be ${kind} (is ${handle.state.kind})` },
  );
const noteBodies = (handle: DocHandle): string[] =>
  handle.model.notes.list().map((note) => handle.model.notes.body(note.id).toString());
const posts = (docName: string): number => proxy.counts.requests[`POST /v1/docs/${docName}/update`] ?? 0;

describe('HTTP fallback when a proxy refuses WebSocket upgrades', () => {
  it('edits are stored through HTTP, remote edits arrive by polling, and the client goes back to the socket when it can', async () => {
    const docName = 'fallback/two-users';
    const alice = behindProxy('alice').open(docName);
    const bob = behindProxy('bob').open(docName);
    const kinds: SyncStateKind[] = [];
    alice.on('state', (state) => kinds.push(state.kind));
    await reach(alice, 'http-fallback');
    await reach(bob, 'http-fallback');
    expect(proxy.counts.upgradesRefused).toBeGreaterThanOrEqual(4);
    expect(proxy.counts.upgradesPassed).toBe(0);
    expect(alice.presence.available).toBe(false);
    expect(alice.stoppedBy).toBeUndefined(); // the proxy's 403 is not mistaken for the relay's

    const highlight = alice.model.highlights.create({ anchor: { kind: 'ref', ref: 'ps-23-1' }, color: 'green' });
    const note = alice.model.notes.create({ body: 'Written behind the proxy', highlightId: highlight.id });
    expect(alice.unsyncedChanges).toBeGreaterThan(0);
    await alice.whenSynced; // 'synced': the relay answered the POSTs after commit
    expect(alice.unsyncedChanges).toBe(0);
    expect(alice.state.kind).toBe('http-fallback');
    expect(posts(docName)).toBeGreaterThan(0);

    // Stored on the relay: a fresh, stock y-websocket client straight to the relay has them.
    const stock = stockOnRelay(docName);
    const stockModel = createModel(stock.doc, { user: { id: 'stock', name: 'Stock' } });
    await stock.until(() => stockModel.notes.list().length === 1, 15_000, 'the stock client to get the note');
    expect(stockModel.notes.body(note.id).toString()).toBe('Written behind the proxy');
    expect(stockModel.highlights.list().map((h) => h.id)).toEqual([highlight.id]);

    // Bob, also behind the proxy, gets it by polling; an edit of the stock client reaches both the same way.
    await waitForHandle(bob, (h) => noteBodies(h).includes('Written behind the proxy'), 'bob to poll the note');
    stockModel.notes.insertText(note.id, 0, 'Live: ');
    const edited = 'Live: Written behind the proxy';
    await waitForHandle(alice, (h) => noteBodies(h).includes(edited), 'alice to poll the stock edit');
    await waitForHandle(bob, (h) => noteBodies(h).includes(edited), 'bob to poll the stock edit');
    // Bob's edit goes up through HTTP and down to Alice through HTTP.
    bob.model.notes.insertText(note.id, edited.length, ' (Bob)');
    await bob.whenSynced;
    await waitForHandle(alice, (h) => noteBodies(h).includes(`${edited} (Bob)`), 'alice to poll bob');

    // The proxy lets websockets through again: both go back to the socket, and presence works again.
    const passedBefore = proxy.counts.upgradesPassed;
    proxy.allowUpgrades();
    await reach(alice, 'saved');
    await reach(bob, 'saved');
    expect(proxy.counts.upgradesPassed).toBeGreaterThanOrEqual(passedBefore + 2);
    expect(alice.presence.available).toBe(true);
    await waitForHandle(bob, (h) => h.presence.others().some((p) => p.user.id === 'alice'), 'bob to see alice');
    const postsOnSocket = posts(docName);
    alice.model.highlights.create({ anchor: { kind: 'ref', ref: 'ps-23-2' } });
    await alice.whenSynced;
    await waitForHandle(bob, (h) => h.model.highlights.list().length === 2, 'bob to get it over the socket');
    expect(posts(docName)).toBe(postsOnSocket); // over the socket now, not HTTP
    expect(kinds).toContain('http-fallback');
    expect(kinds[kinds.length - 1]).toBe('saved');

    // Blocked again (the proxy cuts the open sockets): back to HTTP, nothing lost.
    proxy.refuseUpgrades();
    await reach(alice, 'http-fallback');
    expect(alice.presence.available).toBe(false);
    alice.model.notes.insertText(note.id, 0, 'Again: ');
    await alice.whenSynced;
    await stock.until(
      () => stockModel.notes.body(note.id).toString().startsWith('Again: '),
      15_000,
      'the stock client to get the edit made over HTTP',
    );
    console.log(`proxy: ${JSON.stringify(proxy.counts)}`);
  });

  it('changes made offline before the fallback are pushed as one diff and counted down to 0', async () => {
    const docName = 'fallback/offline-first';
    proxy.refuseUpgrades();
    const carol = behindProxy('carol', { autoConnect: false });
    const handle = carol.open(docName);
    await handle.whenLoaded;
    for (const ref of ['a', 'b', 'c']) handle.model.highlights.create({ anchor: { kind: 'ref', ref } });
    expect(handle.unsyncedChanges).toBe(3);
    const counts: number[] = [];
    handle.on('unsynced', (count) => counts.push(count));
    carol.connect();
    await reach(handle, 'http-fallback');
    await handle.whenSynced;
    expect(handle.unsyncedChanges).toBe(0);
    expect(counts[counts.length - 1]).toBe(0);
    const stock = stockOnRelay(docName);
    const stockModel = createModel(stock.doc, { user: { id: 'stock', name: 'Stock' } });
    await stock.until(() => stockModel.highlights.list().length === 3, 15_000, 'the three highlights');
  });
});

describe('HTTP fallback against a relay that stops answering', () => {
  it('a request that hangs gives up after connectTimeoutMs: unreachable, and back in the fallback once the relay answers', async () => {
    const frozenRelay = await startRelayProcess();
    const gate = await startUpgradeGateProxy(frozenRelay.port, { refusing: true });
    try {
      const client = nodeClient(
        { url: gate.wsUrl },
        { id: 'dave', name: 'Dave' },
        { ...quick, connectTimeoutMs: 1500 },
      );
      clients.push(client);
      const handle = client.open('fallback/frozen');
      await reach(handle, 'http-fallback');
      const pid = freeze(frozenRelay);
      try {
        handle.model.highlights.create({ anchor: { kind: 'ref', ref: 'while frozen' } });
        await reach(handle, 'unreachable');
        expect(handle.unsyncedChanges).toBe(1);
      } finally {
        thaw(pid);
      }
      await reach(handle, 'http-fallback');
      await handle.whenSynced;
      expect(handle.unsyncedChanges).toBe(0);
    } finally {
      await gate.close();
      await frozenRelay.stop();
    }
  });
});

describe('HTTP fallback against a relay with a small frame limit', () => {
  it('a backlog larger than a frame goes up in several POSTs, each under the limit, and is stored whole', async () => {
    const smallRelay = await startRelayProcess({ env: { MAX_FRAME_BYTES: '65536' } });
    const gate = await startUpgradeGateProxy(smallRelay.port, { refusing: true });
    try {
      const client = nodeClient({ url: gate.wsUrl }, { id: 'erin', name: 'Erin' }, { ...quick, autoConnect: false });
      clients.push(client);
      const docName = 'fallback/backlog';
      const handle = client.open(docName);
      await handle.whenLoaded;
      const body = 'Long offline draft. '.repeat(15_000); // 300 kB, about five frames
      const note = handle.model.notes.create({ body });
      client.connect();
      await reach(handle, 'http-fallback');
      await handle.whenSynced;
      const posts = gate.counts.requests[`POST /v1/docs/${docName}/update`] ?? 0;
      console.log(`a ${body.length}-byte note went up in ${posts} POSTs under a 65536-byte frame limit`);
      expect(posts).toBeGreaterThanOrEqual(5);
      const stock = connectStockClient(`ws://127.0.0.1:${smallRelay.port}/v1/sync`, docName);
      stocks.push(stock);
      const stockModel = createModel(stock.doc, { user: { id: 'stock', name: 'Stock' } });
      await stock.until(() => stockModel.notes.list().length === 1, 15_000, 'the stock client to get the note');
      expect(stockModel.notes.body(note.id).toString()).toBe(body);
    } finally {
      await gate.close();
      await smallRelay.stop();
    }
  });
});

describe('HTTP fallback with auth on the relay', () => {
  const SECRET = 'client-http-fallback-tests-secret-0123456789';
  let authRelay: RelayProcess;
  let gate: UpgradeGateProxy;
  beforeAll(async () => {
    authRelay = await startRelayProcess({ env: { AUTH_SECRET: SECRET } });
    gate = await startUpgradeGateProxy(authRelay.port, { refusing: true });
  });
  afterAll(async () => {
    await gate?.close();
    await authRelay?.stop();
  });
  const token = (userId: string, mode: 'read' | 'write'): Promise<string> =>
    mintToken({ secret: SECRET, userId, docs: ['shared/*'], mode, ttlSeconds: 3600 });
  const through = async (id: string, mode: 'read' | 'write'): Promise<Client> => {
    const client = nodeClient(
      { url: gate.wsUrl },
      { id, name: id.toUpperCase() },
      { ...quick, token: await token(id, mode) },
    );
    clients.push(client);
    return client;
  };

  it('the token goes along as a bearer header; a read-only token is read-only over HTTP too: nothing posted, others arrive', async () => {
    const docName = 'shared/auth';
    const writer = (await through('alice', 'write')).open(docName);
    const reader = (await through('bob', 'read')).open(docName);
    await reach(writer, 'http-fallback');
    await reach(reader, 'read-only');
    expect(reader.presence.available).toBe(false);
    const note = writer.model.notes.create({ body: 'with a token' });
    await writer.whenSynced;
    const stock = connectStockClient(`ws://127.0.0.1:${authRelay.port}/v1/sync`, docName, {
      params: { token: await token('carol', 'read') },
    });
    stocks.push(stock);
    const stockModel = createModel(stock.doc, { user: { id: 'carol', name: 'Carol' } });
    await stock.until(() => stockModel.notes.list().length === 1, 15_000, 'the stock client to get the note');
    expect(stockModel.notes.body(note.id).toString()).toBe('with a token');

    await waitForHandle(reader, (h) => noteBodies(h).includes('with a token'), 'the reader to poll the note');
    const postsBefore = gate.counts.requests[`POST /v1/docs/${docName}/update`] ?? 0;
    reader.model.highlights.create({ anchor: { kind: 'ref', ref: 'not saved' } });
    writer.model.notes.insertText(note.id, 0, 'Still ');
    await writer.whenSynced;
    await waitForHandle(reader, (h) => noteBodies(h).includes('Still with a token'), 'the reader to poll the edit');
    expect(gate.counts.requests[`POST /v1/docs/${docName}/update`] ?? 0).toBe(postsBefore + 1); // the writer's only
    expect(reader.unsyncedChanges).toBe(1);
    expect(reader.state.kind).toBe('read-only');
  });
});
