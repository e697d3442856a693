import type { Redis } from 'ioredis';

/** How one Redis connection is watched. */
export interface ConnectionWatchOptions {
  /** `publisher` or `subscriber`: names the connection in health reasons. */
  readonly role: string;
  /** A PING (or any other proof of life) older than this marks the connection stalled. */
  readonly deadlineMs: number;
  readonly now: () => number;
  /** The watch cut a stalled connection (ioredis reconnects it). */
  readonly kicked: (reason: string) => void;
}

/** The liveness of one connection, driven by the fanout's timer. */
export interface ConnectionWatch {
  /** Sends a PING when none is in flight; cuts the connection when nothing answered within the deadline. */
  tick(): void;
  /** Something proved the connection alive (a reply, a message). */
  alive(): void;
  /** Why the connection is not usable now, or undefined. */
  problem(): string | undefined;
}

/**
 * Active liveness for an ioredis connection: ioredis only notices a dead TCP connection when the
 * kernel does (hours for a half-open one). A PING per tick with a deadline finds a stall,
 * a black hole or a half-open connection; the watch then destroys the socket, so ioredis
 * reconnects (and the fanout resubscribes and resyncs). A connection stuck while connecting (the
 * handshake never answered) is cut after the same deadline.
 */
export function watchConnection(connection: Redis, options: ConnectionWatchOptions): ConnectionWatch {
  const { role, deadlineMs, now } = options;
  let aliveAt = now();
  let kickedAt = 0;
  let pinging = false;
  connection.on('ready', () => {
    aliveAt = now();
  });

  const silentFor = (): number => now() - Math.max(aliveAt, kickedAt);
  return {
    tick() {
      if (connection.status === 'end') return;
      if (connection.status === 'ready' && !pinging) {
        pinging = true;
        connection.ping().then(
          () => {
            pinging = false;
            aliveAt = now();
          },
          () => {
            pinging = false; // the connection dropped: its close is reported by ioredis
          },
        );
      }
      if (silentFor() <= deadlineMs) return;
      kickedAt = now();
      pinging = false;
      const reason = `${role} gave no sign of life for ${deadlineMs} ms (status ${connection.status})`;
      options.kicked(reason);
      connection.stream?.destroy();
    },
    alive() {
      aliveAt = now();
    },
    problem() {
      if (connection.status !== 'ready') return `${role} ${connection.status}`;
      const silent = now() - aliveAt;
      return silent > deadlineMs ? `${role} silent for ${silent} ms` : undefined;
    },
  };
}
