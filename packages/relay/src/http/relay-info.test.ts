import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncUpdate, type Frame, type RelayInfoFrame } from '@marginalia/protocol';
import { connectRawClient, connectStockClient, type RawSyncClient, type StockClient } from '@marginalia/testkit';
import { createRelayAuth } from '../auth/relay-auth.js';
import { mintToken } from '../auth/mint-token.js';
import { createRelay, type RelayConfig } from '../create-relay.js';
import { createLimits } from '../limits/create-limits.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { listenRelay, type RelayServer } from './listen-relay.js';

const servers: RelayServer[] = [];
const sockets: RawSyncClient[] = [];
const stock: StockClient[] = [];
async function serve(config: Partial<RelayConfig> = {}) {
  const relay = createRelay({
    store: createMemoryStore(),
    limits: createLimits({ maxFrameBytes: 4096, maxDocBytes: 100_000 }),
    ...config,
  });
  const server = await listenRelay(relay, { port: 0 });
  servers.push(server);
  return { http: server.url, sync: `${server.url.replace('http', 'ws')}/v1/sync` };
}
afterEach(async () => {
  sockets.splice(0).forEach((socket) => socket.close());
  stock.splice(0).forEach((client) => client.destroy());
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const isInfo = (frame: Frame): frame is RelayInfoFrame => frame.type === 'relay-info';
const expected = {
  maxFrameBytes: 4096,
  maxDocBytes: 100_000,
  canWrite: true,
  bytesPerSecond: 1_048_576,
  byteBurst: 4_194_304,
};

describe('the relay tells clients that ask its limits', () => {
  it('sends relay-info before its answer to every sync step 1 of a ?info=1 socket, with the doc size as the limit counts it', async () => {
    const { sync } = await serve();
    const raw = await connectRawClient(sync, 'info/doc', { acks: true, params: { info: '1' } });
    sockets.push(raw);
    raw.send(encodeSyncStep1(new Uint8Array([0])));
    expect((await raw.nextFrame(isInfo)).info).toEqual({ ...expected, docBytes: 0 });
    expect(raw.frames[0]?.type).toBe('relay-info');
    expect(raw.frames[1]?.type).toBe('sync-step-2');

    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(500));
    const update = Y.encodeStateAsUpdate(doc);
    raw.send(encodeSyncUpdate(update));
    await raw.acked(1);
    raw.send(encodeSyncStep1(Y.encodeStateVector(doc)));
    const infos = async () => raw.frames.filter((frame): frame is RelayInfoFrame => frame?.type === 'relay-info');
    await expect.poll(async () => (await infos()).length).toBe(2);
    expect((await infos())[1]?.info.docBytes).toBe(update.byteLength);
  });

  it('sends no relay-info to a socket that did not ask (stock y-websocket clients), which still syncs', async () => {
    const { sync } = await serve();
    const raw = await connectRawClient(sync, 'info/stock');
    sockets.push(raw);
    raw.send(encodeSyncStep1(new Uint8Array([0])));
    await raw.nextFrame((frame): frame is Frame => frame.type === 'sync-step-1');
    expect(raw.frames.map((frame) => frame?.type)).toEqual(['sync-step-2', 'sync-step-1']);
    const client = connectStockClient(sync, 'info/stock');
    stock.push(client);
    await client.synced();
  });

  it('answers GET /v1/docs/<name>/info with the same limits, and canWrite false for a read-only token', async () => {
    const secret = 'relay-info-test-secret-0123456789abcdef';
    const { http } = await serve({ auth: createRelayAuth({ secret }) });
    const reader = await mintToken({ secret, userId: 'rita', docs: ['info/*'], mode: 'read', ttlSeconds: 60 });
    const response = await fetch(`${http}/v1/docs/info/http/info`, { headers: { authorization: `Bearer ${reader}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...expected, docBytes: 0, canWrite: false });
    expect((await fetch(`${http}/v1/docs/info/http/info`)).status).toBe(401);
  });
});
