import type { Redis } from 'ioredis';
import type { FanoutHealth, FanoutResyncCause } from '@marginalia/relay';
import { watchConnection } from './connection-watch.js';
import { createPeerTable, decodeHeartbeat, encodeHeartbeat } from './peer-heartbeats.js';

export interface FanoutLivenessOptions {
  readonly publisher: Redis;
  readonly subscriber: Redis;
  /** The channel heartbeats go on (outside every document's channel). */
  readonly channel: string;
  readonly heartbeatMs: number;
  readonly deadlineMs: number;
  readonly peerTimeoutMs: number;
  readonly report: (error: Error) => void;
  /** Messages may have been lost while the connections looked fine. */
  readonly gap: (cause: FanoutResyncCause) => void;
  /** Whether the subscriber is subscribing again after a reconnect (not yet delivering). */
  readonly resubscribing: () => boolean;
  readonly now?: () => number;
}

/** The fanout's health, heartbeats and peers (see fanout-liveness.ts and README "Liveness"). */
export interface FanoutLiveness {
  health(): FanoutHealth;
  onHealth(listener: (health: FanoutHealth) => void): () => void;
  trackPeers(self: string, gone: (origin: string) => void): () => void;
  /** A message arrived on the heartbeat channel. */
  heartbeat(data: Uint8Array): void;
  /** Another origin's document message arrived (see PeerTable.noticed). */
  noticed(origin: string): void;
  /** The subscriber delivered something: it is alive. */
  delivered(): void;
  /** The subscriber is subscribed again after a reconnect: sequences restart, round trips get a grace period. */
  resubscribed(): void;
  /** Says goodbye on the heartbeat channel (best effort) and stops the timer. */
  close(): Promise<void>;
}

export function createFanoutLiveness(options: FanoutLivenessOptions): FanoutLiveness {
  const now = options.now ?? Date.now;
  const { publisher, subscriber, deadlineMs } = options;
  const kicked = (reason: string): void => options.report(new Error(`fanout connection cut: ${reason}`));
  const watches = [
    watchConnection(subscriber, { role: 'subscriber', deadlineMs, now, kicked }),
    watchConnection(publisher, { role: 'publisher', deadlineMs, now, kicked }),
  ];
  const peers = createPeerTable({ timeoutMs: options.peerTimeoutMs, now });
  const healthListeners = new Set<(health: FanoutHealth) => void>();
  const goneListeners = new Set<(origin: string) => void>();
  let self: string = globalThis.crypto.randomUUID();
  let seq = 0;
  let ownSeq: number | undefined;
  let roundTripAt = now();
  let inFlight = 0;
  let state: FanoutHealth['state'] = 'healthy';
  let healthySince = now();
  let closed = false;

  const problem = (): string | undefined => {
    for (const watch of watches) {
      const found = watch.problem();
      if (found !== undefined) return found;
    }
    if (options.resubscribing()) return 'subscribing again after a reconnect';
    const silent = now() - roundTripAt;
    return silent > deadlineMs ? `no heartbeat came back through Redis for ${silent} ms` : undefined;
  };
  const health = (): FanoutHealth => {
    if (closed) return { state: 'closed', reason: 'closed' };
    const reason = problem();
    return { state: reason === undefined ? 'healthy' : 'unhealthy', reason };
  };
  const update = (): FanoutHealth => {
    const current = health();
    if (current.state === state) return current;
    state = current.state;
    if (state === 'healthy') healthySince = now();
    healthListeners.forEach((listener) => listener(current));
    return current;
  };

  const beat = (leaving: boolean): Promise<unknown> => {
    seq += 1;
    inFlight += 1;
    const sent = publisher.publish(options.channel, encodeHeartbeat({ origin: self, seq, leaving }));
    return sent.finally(() => (inFlight -= 1));
  };
  const tick = (): void => {
    watches.forEach((watch) => watch.tick());
    // Heartbeats queue up while the publisher is down; a few in flight are enough.
    if (inFlight < 3) beat(false).catch(options.report);
    if (subscriber.status === 'ready' && !options.resubscribing() && now() - roundTripAt > deadlineMs * 2) {
      // Both connections answer PING but our heartbeats do not come back: subscribe afresh.
      roundTripAt = now();
      kicked('heartbeats do not come back on the subscriber');
      subscriber.stream?.destroy();
    }
    if (update().state === 'healthy') {
      for (const origin of peers.expire(healthySince)) goneListeners.forEach((gone) => gone(origin));
    }
  };
  const timer = setInterval(tick, options.heartbeatMs);

  return {
    health,
    onHealth(listener) {
      healthListeners.add(listener);
      return () => void healthListeners.delete(listener);
    },
    trackPeers(origin, gone) {
      self = origin;
      goneListeners.add(gone);
      // Announce ourselves at once: a relay that dies within its first interval is still known.
      if (!closed) beat(false).catch(options.report);
      return () => void goneListeners.delete(gone);
    },
    heartbeat(data) {
      const heartbeat = decodeHeartbeat(data);
      if (heartbeat === undefined) return options.report(new Error('undecodable heartbeat on the peers channel'));
      if (heartbeat.origin === self) {
        roundTripAt = now();
        const skipped = ownSeq !== undefined && heartbeat.seq > ownSeq + 1;
        ownSeq = Math.max(ownSeq ?? 0, heartbeat.seq);
        if (skipped) options.gap('message_gap');
      } else if (heartbeat.leaving) {
        if (peers.left(heartbeat)) goneListeners.forEach((gone) => gone(heartbeat.origin));
      } else if (peers.heard(heartbeat)) {
        options.gap('message_gap');
      }
      update();
    },
    noticed(origin) {
      if (origin !== self) peers.noticed(origin);
    },
    delivered: () => watches[0]?.alive(),
    resubscribed() {
      ownSeq = undefined;
      peers.forgetSequences();
      roundTripAt = now();
      update();
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      if (publisher.status !== 'ready') return;
      await Promise.race([beat(true), new Promise((resolve) => setTimeout(resolve, deadlineMs))]).catch(options.report);
    },
  };
}
