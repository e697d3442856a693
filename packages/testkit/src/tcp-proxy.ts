import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * What the proxy does to its connections:
 * - `pass`: forwards both ways;
 * - `stall`: forwards nothing and reads nothing (bytes pile up in the kernel, the TCP stays open);
 * - `blackhole`: reads both sides and throws the bytes away (the TCP stays open and looks fine);
 * - `half-open`: drops the connection to the target but keeps the client's socket open, reading and
 *   discarding what it sends (the target side died, the client is never told). New connections
 *   in this mode are proxied normally: only the existing ones are dead.
 * - `cut`: drops every connection and refuses new ones.
 */
export type TcpProxyMode = 'pass' | 'stall' | 'blackhole' | 'half-open' | 'cut';

/** A TCP proxy to a target that a test can fault and restore, between a program and a service. */
export interface TcpProxy {
  readonly port: number;
  mode(): TcpProxyMode;
  /** Applies `mode` to the current connections and (except `half-open`) to new ones. */
  set(mode: TcpProxyMode): void;
  /** `set('cut')` */
  cut(): void;
  /** `set('pass')`: connections that survived a stall or black hole forward again. */
  restore(): void;
  close(): Promise<void>;
}

interface Pair {
  readonly client: Socket;
  upstream: Socket | undefined;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let current: TcpProxyMode = 'pass';

  const drop = (pair: Pair): void => {
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream?.destroy();
  };
  const discard = (socket: Socket): void => {
    socket.unpipe();
    socket.removeAllListeners('data');
    socket.on('data', () => undefined);
    socket.resume();
  };
  const apply = (pair: Pair, mode: TcpProxyMode): void => {
    const { client, upstream } = pair;
    if (mode === 'cut') return drop(pair);
    for (const socket of [client, upstream]) socket?.unpipe();
    if (upstream !== undefined) client.removeAllListeners('data').pause();
    upstream?.removeAllListeners('data').pause();
    if (mode === 'pass' && upstream !== undefined) {
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      upstream.resume();
    } else if (mode === 'blackhole') {
      discard(client);
      if (upstream !== undefined) discard(upstream);
    } else if (mode === 'half-open') {
      upstream?.removeAllListeners('close').destroy();
      pair.upstream = undefined;
      discard(client);
    }
  };

  const server: Server = createServer((client) => {
    if (current === 'cut') return void client.destroy();
    const pair: Pair = { client, upstream: createConnection({ host: targetHost, port: targetPort }) };
    pairs.add(pair);
    // A reset of one side ends the other: that is the point of the proxy, not a failure.
    client.on('error', () => drop(pair));
    client.on('close', () => drop(pair));
    pair.upstream?.on('error', () => drop(pair));
    pair.upstream?.on('close', () => drop(pair));
    apply(pair, current === 'half-open' ? 'pass' : current);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP port');
  const set = (mode: TcpProxyMode): void => {
    current = mode;
    for (const pair of [...pairs]) apply(pair, mode);
  };
  return {
    port: address.port,
    mode: () => current,
    set,
    cut: () => set('cut'),
    restore: () => set('pass'),
    close: () =>
      new Promise<void>((resolve) => {
        [...pairs].forEach(drop);
        server.close(() => resolve());
      }),
  };
}
