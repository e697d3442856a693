import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createModel } from '@marginalia/model';
import { connectRawClient, connectStockClient, type StockClient } from '@marginalia/testkit';
import { createRelayAuth } from '../auth/relay-auth.js';
import { mintToken } from '../auth/mint-token.js';
import { createRelay, type RelayConfig } from '../create-relay.js';
import { recordingStore } from '../fixtures/core-harness.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { createLocalFanout } from '../core/local-fanout.js';
import { encodeBase64Url } from './base64url.js';
import { listenRelay, type RelayServer } from './listen-relay.js';

const servers: RelayServer[] = [];
const clients: StockClient[] = [];
async function serve(config: Partial<RelayConfig> = {}) {
  const store = recordingStore(createMemoryStore());
  const relay = createRelay({ store, ...config });
  const server = await listenRelay(relay, { port: 0 });
  servers.push(server);
  return { store, relay, server, http: server.url, sync: `${server.url.replace('http', 'ws')}/v1/sync` };
}
afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy());
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const post = (url: string, body: Uint8Array) =>
  fetch(url, {
    method: 'POST',
    body: body as Uint8Array<ArrayBuffer>,
    headers: { 'content-type': 'application/octet-stream' },
  });
const bytes = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe('relay HTTP API', () => {
  it('serves health, readiness and Prometheus metrics', async () => {
    const { http, store } = await serve();
    expect(await (await fetch(`${http}/healthz`)).text()).toBe('ok');
    expect((await fetch(`${http}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${http}/metrics`)).text();
    expect(metrics).toContain('# TYPE marginalia_connections gauge');
    expect(metrics).toContain('marginalia_persist_seconds_bucket{le="+Inf"}');
    store.ping = async () => {
      throw new Error('unreachable');
    };
    expect((await fetch(`${http}/readyz`)).status).toBe(503);
  });

  it('fails /readyz while the fanout is unhealthy, saying why, and shows the fanout state on /metrics', async () => {
    let health = { state: 'healthy' as 'healthy' | 'unhealthy', reason: undefined as string | undefined };
    const healthListeners = new Set<(current: typeof health) => void>();
    const fanout = {
      ...createLocalFanout(),
      health: () => health,
      onHealth: (listener: (current: typeof health) => void) => (
        healthListeners.add(listener),
        () => void healthListeners.delete(listener)
      ),
    };
    const { http } = await serve({ fanout });
    expect((await fetch(`${http}/readyz`)).status).toBe(200);
    health = { state: 'unhealthy', reason: 'subscriber silent for 3012 ms' };
    healthListeners.forEach((listener) => listener(health));
    const response = await fetch(`${http}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('fanout unhealthy: subscriber silent for 3012 ms');
    const metrics = await (await fetch(`${http}/metrics`)).text();
    expect(metrics).toContain('marginalia_fanout_state{state="unhealthy"} 1');
    expect(metrics).toContain('marginalia_fanout_state{state="healthy"} 0');
  });

  it('applies a POSTed update durably, then serves state vector, diff and the model JSON', async () => {
    const { http, store } = await serve();
    const local = new Y.Doc();
    const model = createModel(local, { user: { id: 'alice' } });
    model.highlights.create({ anchor: { kind: 'ref', ref: 'john-3:16' }, color: 'yellow' });
    const response = await post(`${http}/v1/docs/band-7/setlists/update`, Y.encodeStateAsUpdate(local));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ durable: true });
    expect(store.appends.length).toBe(1);

    const vector = await bytes(await fetch(`${http}/v1/docs/band-7/setlists/state-vector`));
    expect(vector).toEqual(Y.encodeStateVector(local));
    const full = await bytes(await fetch(`${http}/v1/docs/band-7/setlists/update`));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, full);
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(local));
    const since = encodeBase64Url(Y.encodeStateVector(local));
    const empty = Y.decodeUpdate(await bytes(await fetch(`${http}/v1/docs/band-7/setlists/update?since=${since}`)));
    expect(empty.structs).toEqual([]);

    const json = (await (await fetch(`${http}/v1/docs/band-7/setlists`)).json()) as {
      highlights: { createdBy: string }[];
    };
    expect(json.highlights).toHaveLength(1);
    expect(json.highlights[0]?.createdBy).toBe('alice');
  });

  it('refuses malformed updates, bad names and bad state vectors, storing nothing', async () => {
    const { http, store } = await serve();
    const update = Y.encodeStateAsUpdate(((d) => (d.getMap('m').set('k', 'v'.repeat(40)), d))(new Y.Doc()));
    expect((await post(`${http}/v1/docs/doc/update`, update.slice(0, update.length - 4))).status).toBe(400);
    expect((await post(`${http}/v1/docs/..%2Fetc/update`, update)).status).toBe(400);
    expect((await fetch(`${http}/v1/docs/doc/update?since=%%%`)).status).toBe(400);
    expect((await fetch(`${http}/v1/docs/doc/update?since=${encodeBase64Url(new Uint8Array([5, 1]))}`)).status).toBe(
      400,
    );
    expect(store.appends).toEqual([]);
  });

  it('shows a POSTed update to connected stock clients', async () => {
    const { http, sync } = await serve();
    const client = connectStockClient(sync, 'live');
    clients.push(client);
    await client.synced();
    const doc = new Y.Doc();
    doc.getMap('m').set('from', 'http');
    expect((await post(`${http}/v1/docs/live/update`, Y.encodeStateAsUpdate(doc))).status).toBe(200);
    await client.until(() => client.doc.getMap('m').get('from') === 'http');
  });

  it('closes sockets with 1011 when the document cannot be loaded', async () => {
    const { store, sync } = await serve();
    store.failLoad = true;
    const raw = await connectRawClient(sync, 'broken/doc');
    expect((await raw.closed).code).toBe(1011);
    expect(raw.frames).toEqual([]);
    expect(store.appends).toEqual([]);
  });

  it('refuses the upgrade with 400 for a bad doc name', async () => {
    const { sync } = await serve();
    await expect(connectRawClient(sync, 'a%2F..%2Fb')).rejects.toThrow('HTTP 400');
    await expect(connectRawClient(sync, 'x'.repeat(10_000))).rejects.toThrow('HTTP 400');
  });

  it('checks the Origin allowlist once, in the auth hook: normalized origins pass, others get 403 origin_forbidden', async () => {
    const { sync, http, relay } = await serve({
      auth: createRelayAuth({ allowedOrigins: ['https://app.example.com'] }),
    });
    const same = await connectRawClient(sync, 'o/doc', { headers: { origin: 'HTTPS://App.Example.com:443' } });
    same.close();
    await expect(connectRawClient(sync, 'o/doc', { headers: { origin: 'https://evil.example' } })).rejects.toThrow(
      'HTTP 403',
    );
    const response = await fetch(`${http}/v1/docs/o/doc`, { headers: { origin: 'https://evil.example' } });
    expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([403, 'origin_forbidden']);
    expect(relay.metrics.refusals.get({ reason: 'origin_forbidden' })).toBe(2);
  });

  it('logs refusals and route errors to a real pino logger, one JSON line each, with token parameters redacted', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino(
      { level: 'debug' },
      { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const secret = 'relay-http-test-secret-at-least-32-bytes!';
    const { http, sync, relay } = await serve({ logger, auth: createRelayAuth({ secret }) });
    relay.app.get('/boom', () => {
      throw new Error('boom');
    });
    const token = await mintToken({ secret, userId: 'u', docs: ['mine'], mode: 'write', ttlSeconds: 60 });
    const boom = await fetch(`${http}/boom?token=${token}&%74oken=${token}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect([boom.status, await boom.json()]).toEqual([500, { error: 'internal', message: 'internal error' }]);
    await expect(connectRawClient(sync, 'theirs', { params: { token } })).rejects.toThrow('HTTP 403');
    const mine = await connectRawClient(sync, 'mine', { params: { token } });
    mine.close();
    await mine.closed;

    // pino's own shape: numeric levels, epoch time, pid and hostname, our fields and msg.
    expect(lines.find((line) => line.msg === 'request failed')).toMatchObject({
      level: 50,
      method: 'GET',
      path: '/boom?token=[redacted]&%74oken=[redacted]',
      error: 'boom',
      pid: process.pid,
    });
    expect(lines.find((line) => line.msg === 'upgrade refused')).toMatchObject({
      level: 30,
      path: '/v1/sync/theirs?token=[redacted]',
      status: 403,
    });
    expect(lines.find((line) => line.msg === 'connection opened')).toMatchObject({ level: 20, doc: 'mine', user: 'u' });
    expect(lines.every((line) => typeof line.time === 'number' && typeof line.hostname === 'string')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(token.split('.')[2]);
  });

  it('counts a frame the socket layer cuts off (1009, past twice the frame limit) as frame_too_large', async () => {
    const { sync, relay } = await serve({ limits: { maxFrameBytes: 1000 } });
    const raw = await connectRawClient(sync, 'big');
    raw.send(new Uint8Array(3000));
    expect((await raw.closed).code).toBe(1009);
    await new Promise<void>((resolve) => {
      const check = () =>
        relay.metrics.refusals.get({ reason: 'frame_too_large' }) === 1 ? resolve() : setTimeout(check, 10);
      check();
    });
  });
});
