/**
 * A host app embedding the relay, for the per-socket memory measurement (packaging bench). Runs from
 * the built packages (what their exports name), like an app that installed the tarballs.
 * SOCKET_PATH picks how WebSocket upgrades reach the relay:
 * - `handleUpgrade`: the relay's own listener (what `marginalia-relay serve` and `listenRelay` use);
 * - `upgradeHandler`: through the host app, so its middleware sees the upgrade (mounted under /collab);
 * - `node-server-websocket`: @hono/node-server's `serve({ websocket })` (keeps each request alive).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createLimits, createRelay } from '@marginalia/relay';
import { createSqliteStore } from '@marginalia/storage-sqlite';
import { join } from 'node:path';
import type { SocketPath } from './socket-paths.js';

const socketPath = process.env['SOCKET_PATH'] as SocketPath;
const port = Number(process.env['PORT']);
const store = createSqliteStore({ path: join(process.env['DATA_DIR'] ?? '.', 'relay.sqlite') });
// The load generator's clients all come from 127.0.0.1 (default: 100 sockets per IP).
const limits = createLimits({ maxConnectionsPerIp: 100_000 });
const mounted = socketPath === 'upgradeHandler';
const relay = createRelay({ store, limits, ...(mounted ? { basePath: '/collab', healthRoutes: false } : {}) });

// The JS heap after a full GC (the process runs with --expose-gc), for the per-socket heap cost.
const heap = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;
// The env (Node's incoming/outgoing) is passed on: @hono/node-server's upgrade needs it.
const withHeapRoute =
  (fetch: Fetch): Fetch =>
  (request, env) =>
    new URL(request.url).pathname === '/bench/heap' ? Response.json({ heapUsed: heap() }) : fetch(request, env);

if (mounted) {
  const app = new Hono();
  app.use('/collab/*', async (c, next) => {
    if (c.req.header('x-refuse') !== undefined) return c.text('refused by the host app', 401);
    await next();
  });
  app.route('/', relay.app);
  const server = serve({ fetch: withHeapRoute(app.fetch), port, hostname: '127.0.0.1' });
  server.on('upgrade', relay.upgradeHandler(app));
} else if (socketPath === 'handleUpgrade') {
  const server = serve({ fetch: withHeapRoute(relay.app.fetch), port, hostname: '127.0.0.1' });
  server.on('upgrade', relay.handleUpgrade);
} else {
  serve({ fetch: withHeapRoute(relay.app.fetch), port, hostname: '127.0.0.1', websocket: relay.websocket });
}
process.on(
  'SIGTERM',
  () =>
    void relay
      .close()
      .then(() => store.close())
      .then(() => process.exit(0)),
);
