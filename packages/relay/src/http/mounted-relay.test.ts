import { request as httpRequest } from 'node:http';
import { Hono, type MiddlewareHandler } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectStockClient, type StockClient } from '@marginalia/testkit';
import { createRelay, type RelayConfig } from '../create-relay.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { RelayConfigError } from './base-path.js';
import { listenRelay, type RelayServer } from './listen-relay.js';

// The relay embedded in a host app under /collab: the host's middleware sees (and may refuse)
// every request under the mount path, WebSocket upgrades included.

const servers: RelayServer[] = [];
const clients: StockClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy());
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The host's session check: a `session=ok` cookie, else 401 (as for its own HTTP routes). */
const requireSession: MiddlewareHandler = async (c, next) => {
  if (!(c.req.header('cookie') ?? '').split(/;\s*/).includes('session=ok')) return c.text('log in first', 401);
  await next();
};

async function hostWithRelay(
  config: Partial<RelayConfig> = {},
  mount: (host: Hono, relayApp: Hono) => void = (host, app) => host.route('/', app),
) {
  const relay = createRelay({ store: createMemoryStore(), basePath: '/collab', ...config });
  const host = new Hono();
  host.get('/', (c) => c.text('host home'));
  host.use('/collab/*', requireSession);
  host.get('/collab/me', (c) => c.json({ user: 'ada' }));
  mount(host, relay.app);
  const server = await listenRelay(relay, { port: 0, app: host });
  servers.push(server);
  return { relay, server, http: server.url, ws: `${server.url.replace('http', 'ws')}/collab` };
}

/** Opens a raw WebSocket and resolves with the HTTP status of a refused upgrade, or 101. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

const session = { cookie: 'session=ok' };

/** An upgrade request with `path` sent exactly as written (WHATWG URLs would resolve `%2e%2e`). */
function rawUpgradeStatus(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  const headers = {
    ...session,
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-version': '13',
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
  };
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers });
    request.once('response', (response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
    });
    request.once('upgrade', (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    request.once('error', reject);
    request.end();
  });
}

describe('relay mounted under /collab in a host app', () => {
  it('lets the host middleware refuse the WebSocket upgrade under the mounted path', async () => {
    const { ws, http } = await hostWithRelay();
    expect((await fetch(`${http}/collab/me`)).status).toBe(401);
    expect(await upgradeStatus(`${ws}/v1/sync/notes/a`)).toBe(401);
    expect(await upgradeStatus(`${ws}/v1/sync/notes/a`, session)).toBe(101);
  });

  it('syncs a stock y-websocket client through the host app at the mounted URL', async () => {
    const { ws, http } = await hostWithRelay();
    const a = connectStockClient(`${ws}/v1/sync`, 'notes/a', { headers: session });
    const b = connectStockClient(`${ws}/v1/sync`, 'notes/a', { headers: session });
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getText('t').insert(0, 'mounted');
    await b.until(() => b.doc.getText('t').toString() === 'mounted');
    const state = await fetch(`${http}/collab/v1/docs/notes/a/state-vector`, { headers: session });
    expect(state.status).toBe(200);
    expect((await fetch(`${http}/`)).status).toBe(200);
  });

  it('puts health and metrics under the base path, or leaves them out', async () => {
    const withHealth = await hostWithRelay();
    expect(await (await fetch(`${withHealth.http}/collab/healthz`, { headers: session })).text()).toBe('ok');
    expect((await fetch(`${withHealth.http}/healthz`)).status).toBe(404);
    const without = await hostWithRelay({ healthRoutes: false });
    expect((await fetch(`${without.http}/collab/healthz`, { headers: session })).status).toBe(404);
    expect((await fetch(`${without.http}/collab/metrics`, { headers: session })).status).toBe(404);
  });

  it('refuses doc names that escape the base path in the raw target', async () => {
    const { http } = await hostWithRelay();
    expect(await rawUpgradeStatus(http, '/collab/v1/sync/%2e%2e/other')).toBe(400);
    expect(await rawUpgradeStatus(http, '/collab/v1/sync/notes/../../../etc')).toBe(400);
    expect(await rawUpgradeStatus(http, '/collab/v1/sync/notes/a')).toBe(101);
  });

  it('says how to mount when the relay app is mounted under a path it was not told', async () => {
    const { ws, http } = await hostWithRelay({ basePath: undefined }, (host, app) => host.route('/collab', app));
    const response = await fetch(`${http}/collab/v1/docs/notes/a`, { headers: session });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: string }).error).toBe('relay_mount_mismatch');
    expect(await upgradeStatus(`${ws}/v1/sync/notes/a`, session)).toBe(500);
  });

  it('refuses a base path that is not /segment', () => {
    expect(() => createRelay({ store: createMemoryStore(), basePath: 'collab/*' })).toThrow(RelayConfigError);
  });
});
