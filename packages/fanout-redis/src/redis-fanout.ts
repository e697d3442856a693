import { Redis } from 'ioredis';
import type { Fanout, FanoutListener } from '@marginalia/relay';
import { decodeFanoutMessage, encodeFanoutMessage } from './fanout-codec.js';

export interface RedisFanoutOptions {
  /** `redis://[:password@]host:6379[/db]` (or `rediss://` for TLS). */
  readonly url: string;
  /** Prepended to the doc name to form its channel. Default `marginalia:doc:`. */
  readonly prefix?: string;
  /** Client name shown by `CLIENT LIST` (`<name>:pub`, `<name>:sub`). Default `marginalia-fanout`. */
  readonly connectionName?: string;
  /** Connection errors and undecodable messages (the fanout keeps going; wire this to a logger). */
  readonly onError?: (error: Error) => void;
}

/** `host:port` of a Redis URL, without credentials (for messages and logs). */
export function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch (error) {
    return `an unparsable Redis URL (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * A Fanout over Redis pub/sub: one channel per document (`prefix + docName`, exact SUBSCRIBE, so
 * names that prefix each other never mix), binary messages. Two connections: one publishes, one
 * subscribes. After the subscribing connection drops and comes back, it subscribes again and then
 * calls the `onResync` listeners: what was published meanwhile is lost and must be read from storage.
 */
export async function createRedisFanout(options: RedisFanoutOptions): Promise<Fanout> {
  const prefix = options.prefix ?? 'marginalia:doc:';
  const name = options.connectionName ?? 'marginalia-fanout';
  const report = options.onError ?? ((): void => undefined);
  // Publishes wait through a reconnect (queued in order) rather than fail after a few retries.
  const publisher = new Redis(options.url, { connectionName: `${name}:pub`, maxRetriesPerRequest: null });
  const subscriber = new Redis(options.url, { connectionName: `${name}:sub`, autoResubscribe: false, maxRetriesPerRequest: null });
  const listeners = new Map<string, Set<FanoutListener>>();
  const pending = new Map<string, Promise<void>>();
  const resyncListeners = new Set<() => void>();
  let lostConnection = false;
  let closed = false;

  const channel = (docName: string): string => prefix + docName;
  const track = (docName: string, command: Promise<unknown>): void => {
    const done = command.then(() => undefined);
    pending.set(docName, done);
    done.catch(report);
  };

  publisher.on('error', report);
  subscriber.on('error', report);
  await connected([publisher, subscriber], options.url);
  // Resolves at the subscriber's next disconnect: a subscription waiting on it is then covered by
  // the resync that follows the reconnect, so nobody needs to wait for the reconnect itself.
  let disconnected = createSignal();
  subscriber.on('close', () => {
    if (!closed) lostConnection = true;
    disconnected.resolve();
    disconnected = createSignal();
  });
  subscriber.on('ready', () => {
    if (!lostConnection || closed) return;
    lostConnection = false;
    const channels = [...listeners.keys()].map(channel);
    const again = channels.length === 0 ? Promise.resolve() : subscriber.subscribe(...channels);
    again.then(
      () => resyncListeners.forEach((listener) => listener()),
      (error: unknown) => report(error instanceof Error ? error : new Error(String(error))),
    );
  });
  subscriber.on('messageBuffer', (rawChannel: Buffer, data: Buffer) => {
    const channelName = rawChannel.toString('utf8');
    if (!channelName.startsWith(prefix)) return;
    const set = listeners.get(channelName.slice(prefix.length));
    if (set === undefined) return;
    let message;
    try {
      message = decodeFanoutMessage(data);
    } catch (error) {
      return report(error as Error);
    }
    for (const listener of [...set]) listener(message);
  });

  return {
    async publish(docName, message) {
      if (closed) return;
      await publisher.publish(channel(docName), encodeFanoutMessage(message));
    },
    subscribe(docName, listener) {
      if (closed) return () => undefined;
      let set = listeners.get(docName);
      if (set === undefined) {
        set = new Set();
        listeners.set(docName, set);
        track(docName, subscriber.subscribe(channel(docName)));
      }
      set.add(listener);
      const own = set;
      return () => {
        if (!own.delete(listener) || own.size > 0 || listeners.get(docName) !== own || closed) return;
        listeners.delete(docName);
        track(docName, subscriber.unsubscribe(channel(docName)));
      };
    },
    whenSubscribed(docName) {
      const command = pending.get(docName);
      if (command === undefined || subscriber.status !== 'ready') return Promise.resolve();
      return Promise.race([command, disconnected.promise]);
    },
    onResync(listener) {
      const own = (): void => listener();
      resyncListeners.add(own);
      return () => void resyncListeners.delete(own);
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      resyncListeners.clear();
      await Promise.all([publisher, subscriber].map((connection) => quit(connection, report)));
    },
  };
}

interface Signal {
  readonly promise: Promise<void>;
  resolve(): void;
}

function createSignal(): Signal {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Thrown by `createRedisFanout` when Redis cannot be reached at start. */
export class FanoutConnectError extends Error {
  readonly code = 'fanout_unreachable' as const;
  override readonly name = 'FanoutConnectError';
}

/** Resolves once every connection is ready; on the first error drops them all and rejects. */
async function connected(connections: readonly Redis[], url: string): Promise<void> {
  const cleanups: (() => void)[] = [];
  try {
    await Promise.all(
      connections.map(
        (connection) =>
          new Promise<void>((resolve, reject) => {
            connection.once('ready', resolve).once('error', reject);
            cleanups.push(() => connection.off('ready', resolve).off('error', reject));
          }),
      ),
    );
  } catch (error) {
    connections.forEach((connection) => connection.disconnect());
    const reason = error instanceof Error ? error.message : String(error);
    throw new FanoutConnectError(`cannot reach Redis at ${describeRedis(url)}: ${reason}`, { cause: error });
  } finally {
    cleanups.forEach((cleanup) => cleanup());
  }
}

/** QUIT when connected (pending publishes go out first), otherwise just drop the connection. */
async function quit(connection: Redis, report: (error: Error) => void): Promise<void> {
  if (connection.status !== 'ready') return connection.disconnect();
  try {
    await connection.quit();
  } catch (error) {
    report(error as Error);
    connection.disconnect();
  }
}
