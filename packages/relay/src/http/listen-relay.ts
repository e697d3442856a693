import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server } from 'node:http';
import type { Relay, UpgradeApp } from '../create-relay.js';

export interface ListenOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly hostname?: string;
  /**
   * The host app that mounts `relay.app` (default: the relay's own app). It answers every HTTP
   * request and every WebSocket upgrade, so its middleware runs before the relay's routes.
   */
  readonly app?: UpgradeApp;
}

export interface RelayServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  /** Stops accepting, closes the relay (flush, 1001), then every remaining HTTP connection. */
  close(): Promise<void>;
}

/** Serves a relay on Node's HTTP server with WebSocket upgrades (@hono/node-server + ws). */
export function listenRelay(relay: Relay, options: ListenOptions): Promise<RelayServer> {
  return new Promise((resolve, reject) => {
    // Upgrades go to the relay's own handler, not @hono/node-server's (see `Relay.handleUpgrade`).
    const app = options.app ?? relay.app;
    const server = serve(
      {
        fetch: (request, env) => app.fetch(request, env as { incoming: IncomingMessage }),
        port: options.port,
        hostname: options.hostname ?? '127.0.0.1',
      },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        let closing: Promise<void> | undefined;
        resolve({
          server,
          port: info.port,
          url: `http://${host}:${info.port}`,
          close() {
            closing ??= (async () => {
              const stopped = new Promise<void>((done) => server.close(() => done()));
              await relay.close();
              server.closeAllConnections();
              await stopped;
            })();
            return closing;
          },
        });
      },
    ) as Server;
    server.on('upgrade', options.app === undefined ? relay.handleUpgrade : relay.upgradeHandler(options.app));
    server.once('error', reject);
  });
}
