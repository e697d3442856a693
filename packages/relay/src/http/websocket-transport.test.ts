import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve as honoServe } from '@hono/node-server';
import WebSocket from 'ws';
import { connectStockClient, withTimeout, type StockClient } from '@marginalia/testkit';
import { createRelay, type Relay, type RelayConfig } from '../create-relay.js';
import { createLimits } from '../limits/create-limits.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { listenRelay, type RelayServer } from './listen-relay.js';

const servers: RelayServer[] = [];
const clients: StockClient[] = [];
const sockets: WebSocket[] = [];
async function serve(config: Partial<RelayConfig> = {}) {
  const relay = createRelay({ store: createMemoryStore(), ...config });
  const server = await listenRelay(relay, { port: 0 });
  servers.push(server);
  return { relay, server, sync: `${server.url.replace('http', 'ws')}/v1/sync` };
}
afterEach(async () => {
  clients.splice(0).forEach((client) => client.destroy());
  sockets.splice(0).forEach((socket) => socket.terminate());
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A `ws` client, which offers permessage-deflate unless told otherwise. */
function openSocket(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const socket = new WebSocket(url, options);
  sockets.push(socket);
  return withTimeout(
    new Promise((resolve, reject) => {
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    }),
    5000,
    'the socket to open',
  );
}

/** Sends a raw upgrade request; resolves with the status line's code and the body. */
function rawUpgrade(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', ...headers },
    });
    req.once('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('WebSocket transport', () => {
  it('does not negotiate permessage-deflate by default, even when the client offers it', async () => {
    const { sync } = await serve();
    const socket = await openSocket(`${sync}/plain`);
    expect(socket.extensions).toBe('');
  });

  it('negotiates permessage-deflate when configured, and still syncs', async () => {
    const { sync } = await serve({ perMessageDeflate: true });
    const socket = await openSocket(`${sync}/deflated`);
    expect(socket.extensions).toContain('permessage-deflate');
    const writer = connectStockClient(sync, 'deflated');
    const reader = connectStockClient(sync, 'deflated');
    clients.push(writer, reader);
    await Promise.all([writer.synced(), reader.synced()]);
    writer.doc.getText('t').insert(0, 'compressed');
    await reader.until(() => reader.doc.getText('t').toString() === 'compressed');
  });

  it('writes a refused upgrade as an HTTP response with its status and body', async () => {
    const { server } = await serve({
      auth: { authorize: () => ({ ok: false, refusal: { code: 401, reason: 'no_token', message: 'token required' } }) },
    });
    const key = { 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };
    expect(await rawUpgrade(server.port, '/v1/sync/doc', key)).toEqual({ status: 401, body: 'token required' });
    expect((await rawUpgrade(server.port, '/v1/sync/a%2F..%2Fb', key)).status).toBe(400);
    expect((await rawUpgrade(server.port, '/nowhere', key)).status).toBe(404);
  });

  it('frees the per-IP slot of an admitted upgrade whose handshake ws refuses', async () => {
    const { sync, server } = await serve({ limits: createLimits({ maxConnectionsPerIp: 1 }) });
    // Admitted by the relay, then refused by ws (no Sec-WebSocket-Key): 400 from ws itself.
    expect((await rawUpgrade(server.port, '/v1/sync/doc', { 'Sec-WebSocket-Version': '13' })).status).toBe(400);
    const first = await openSocket(`${sync}/doc`);
    await expect(openSocket(`${sync}/doc`)).rejects.toThrow('429');
    first.close();
  });

  it("still serves stock clients through @hono/node-server's own websocket option", async () => {
    const relay = createRelay({ store: createMemoryStore() });
    const server = await new Promise<Server>((resolve) => {
      const created = honoServe(
        { fetch: relay.app.fetch, port: 0, hostname: '127.0.0.1', websocket: relay.websocket },
        () => resolve(created as Server),
      );
    });
    try {
      const sync = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sync`;
      const writer = connectStockClient(sync, 'hono-path');
      const reader = connectStockClient(sync, 'hono-path');
      clients.push(writer, reader);
      await Promise.all([writer.synced(), reader.synced()]);
      writer.doc.getMap('m').set('k', 'v');
      await reader.until(() => reader.doc.getMap('m').get('k') === 'v');
      expect(relay.metrics.connections.get()).toBe(2);
    } finally {
      clients.splice(0).forEach((client) => client.destroy());
      await relay.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('terminates a socket that stops answering pings, and keeps one that answers', async () => {
    const { sync } = await serve({ heartbeatMs: 40 });
    const silent = await openSocket(`${sync}/beat`, { autoPong: false });
    const answering = await openSocket(`${sync}/beat`);
    const code = await withTimeout(
      new Promise<number>((resolve) => silent.once('close', resolve)),
      5000,
      'the silent socket to be dropped',
    );
    expect(code).toBe(1006);
    expect(answering.readyState).toBe(WebSocket.OPEN);
  });
});
