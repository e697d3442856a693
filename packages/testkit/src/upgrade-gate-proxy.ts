import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { createConnection, type Socket } from 'node:net';

/**
 * An HTTP proxy in front of a relay that forwards plain HTTP and, while `refusing`, answers every
 * WebSocket upgrade with `403 Forbidden`, like a corporate proxy that blocks websockets.
 */
export interface UpgradeGateProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly httpUrl: string;
  /** `ws://127.0.0.1:<port>` */
  readonly wsUrl: string;
  /** Refuse upgrades from now on; the websockets already through are cut (as a proxy restart would). */
  refuseUpgrades(): void;
  /** Let upgrades through again. */
  allowUpgrades(): void;
  readonly refusing: boolean;
  /** What went through (or was refused) so far, for assertions. */
  readonly counts: {
    readonly upgradesRefused: number;
    readonly upgradesPassed: number;
    /** Plain HTTP requests forwarded, by `METHOD /v1/docs/.../<operation>` (query left out). */
    readonly requests: Readonly<Record<string, number>>;
  };
  close(): Promise<void>;
}

export async function startUpgradeGateProxy(
  targetPort: number,
  options: { refusing?: boolean } = {},
): Promise<UpgradeGateProxy> {
  let refusing = options.refusing ?? true;
  const tunnels = new Set<Socket>();
  const counts = { upgradesRefused: 0, upgradesPassed: 0, requests: {} as Record<string, number> };

  const server: Server = createServer((incoming, outgoing) => {
    const key = `${incoming.method ?? 'GET'} ${(incoming.url ?? '/').split('?')[0]}`;
    counts.requests[key] = (counts.requests[key] ?? 0) + 1;
    const upstream = request(
      { host: '127.0.0.1', port: targetPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  server.on('upgrade', (incoming: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (refusing) {
      counts.upgradesRefused += 1;
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    counts.upgradesPassed += 1;
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort }, () => {
      const lines = [`${incoming.method ?? 'GET'} ${incoming.url ?? '/'} HTTP/1.1`];
      for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
        lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream);
      upstream.pipe(socket);
    });
    const drop = (): void => {
      tunnels.delete(socket);
      socket.destroy();
      upstream.destroy();
    };
    tunnels.add(socket);
    socket.on('close', drop);
    upstream.on('close', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP port');
  const port = address.port;
  return {
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    refuseUpgrades() {
      refusing = true;
      for (const socket of [...tunnels]) socket.destroy();
    },
    allowUpgrades() {
      refusing = false;
    },
    get refusing() {
      return refusing;
    },
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of [...tunnels]) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
