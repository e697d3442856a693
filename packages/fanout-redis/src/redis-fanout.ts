import { Redis } from 'ioredis';
import type { Fanout, FanoutListener, FanoutResyncCause } from '@marginalia/relay';
import { decodeFanoutMessage, encodeFanoutMessage } from './fanout-codec.js';
import { createFanoutLiveness } from './fanout-liveness.js';
import { connected, createSignal, describeRedis, quit } from './redis-connections.js';

export interface RedisFanoutOptions {
  /** `redis://[:password@]host:6379[/db]` (or `rediss://` for TLS). */
  readonly url: string;
  /** Prepended to the doc name to form its channel. Default `marginalia:doc:`. */
  readonly prefix?: string;
  /** Client name shown by `CLIENT LIST` (`<name>:pub`, `<name>:sub`). Default `marginalia-fanout`. */
  readonly connectionName?: string;
  /** Connection errors and undecodable messages (the fanout keeps going; wire this to a logger). */
  readonly onError?: (error: Error) => void;
  /** Period of the PINGs on both connections and of the heartbeats. Default 1000 ms. */
  readonly heartbeatMs?: number;
  /** A connection silent for this long is cut and reconnected. Default 3000 ms. */
  readonly deadlineMs?: number;
  /** Another relay whose heartbeats stopped this long ago is gone. Default 3000 ms. */
  readonly peerTimeoutMs?: number;
}

export const DEFAULT_HEARTBEAT_MS = 1000;
export const DEFAULT_DEADLINE_MS = 3000;
export const DEFAULT_PEER_TIMEOUT_MS = 3000;

/**
 * A Fanout over Redis pub/sub: one channel per document (`prefix + docName`, exact SUBSCRIBE, so
 * names that prefix each other never mix), binary messages, and heartbeats on `prefix + '!peers'`
 * (`!` is never in a doc name). Two connections: one publishes, one subscribes. Both are watched
 * actively (fanout-liveness.ts); after the subscribing connection drops (or is cut for silence)
 * and comes back, it subscribes again and then calls the `onResync` listeners.
 */
export async function createRedisFanout(options: RedisFanoutOptions): Promise<Fanout> {
  const prefix = options.prefix ?? 'marginalia:doc:';
  const peersChannel = `${prefix}!peers`;
  const name = options.connectionName ?? 'marginalia-fanout';
  const report = options.onError ?? ((): void => undefined);
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  // Publishes wait through a reconnect (queued in order) rather than fail after a few retries.
  const common = { maxRetriesPerRequest: null, connectTimeout: deadlineMs } as const;
  const publisher = new Redis(options.url, { ...common, connectionName: `${name}:pub` });
  const subscriber = new Redis(options.url, { ...common, connectionName: `${name}:sub`, autoResubscribe: false });
  const listeners = new Map<string, Set<FanoutListener>>();
  const pending = new Map<string, Promise<void>>();
  const resyncListeners = new Set<(cause: FanoutResyncCause) => void>();
  let lostConnection = false;
  let resubscribing = false;
  let closed = false;

  const channel = (docName: string): string => prefix + docName;
  const track = (docName: string, command: Promise<unknown>): void => {
    const done = command.then(() => undefined);
    pending.set(docName, done);
    done.catch(report);
  };
  const resync = (cause: FanoutResyncCause): void => resyncListeners.forEach((listener) => listener(cause));

  publisher.on('error', report);
  subscriber.on('error', report);
  await connected([publisher, subscriber], options.url);
  await subscriber.subscribe(peersChannel);
  const liveness = createFanoutLiveness({
    publisher,
    subscriber,
    channel: peersChannel,
    heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    deadlineMs,
    peerTimeoutMs: options.peerTimeoutMs ?? DEFAULT_PEER_TIMEOUT_MS,
    report,
    gap: resync,
    resubscribing: () => lostConnection || resubscribing,
  });
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
    resubscribing = true;
    subscriber.subscribe(peersChannel, ...[...listeners.keys()].map(channel)).then(
      () => {
        resubscribing = false;
        liveness.resubscribed();
        resync('reconnect');
      },
      (error: unknown) => {
        resubscribing = false;
        report(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
  subscriber.on('messageBuffer', (rawChannel: Buffer, data: Buffer) => {
    liveness.delivered();
    const channelName = rawChannel.toString('utf8');
    if (channelName === peersChannel) return liveness.heartbeat(data);
    if (!channelName.startsWith(prefix)) return;
    const set = listeners.get(channelName.slice(prefix.length));
    if (set === undefined) return;
    let message;
    try {
      message = decodeFanoutMessage(data);
    } catch (error) {
      return report(error as Error);
    }
    liveness.noticed(message.origin);
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
      const own = (cause: FanoutResyncCause): void => listener(cause);
      resyncListeners.add(own);
      return () => void resyncListeners.delete(own);
    },
    health: () => liveness.health(),
    onHealth: (listener) => liveness.onHealth(listener),
    trackPeers: (self, gone) => liveness.trackPeers(self, gone),
    async close() {
      if (closed) return;
      await liveness.close();
      closed = true;
      listeners.clear();
      resyncListeners.clear();
      await Promise.all([publisher, subscriber].map((connection) => quit(connection, deadlineMs, report)));
    },
  };
}

export { describeRedis };
