import type { Backoff } from './backoff.js';
import type { ClientError } from './client-error.js';
import type { createEmitter } from './emitter.js';
import type { RefusalProbe } from './refusal-probe.js';
import type { Timers } from './timers.js';
import type { TokenSource } from './token-source.js';
import type { WebSocketConstructor } from './websocket-like.js';

export type TransportState = 'offline' | 'connecting' | 'open';

export interface TransportEvents extends Record<string, readonly unknown[]> {
  state: [TransportState];
  /** A socket opened: a new connection starts (message numbering restarts). */
  open: [];
  message: [Uint8Array];
  /** The socket closed with this code (a refused upgrade is reported with its 44xx equivalent). */
  closed: [number];
  /** Retrying stopped for good (until `connect()`). */
  stopped: [ClientError];
  /** A connection attempt is about to start (for metrics and tests). */
  attempt: [];
  /** The next attempt is scheduled after this many ms. */
  retry: [number];
}

export interface TransportOptions {
  /** Full websocket URL of the document, without query. */
  readonly url: string;
  readonly tokens: TokenSource;
  readonly WebSocket: WebSocketConstructor;
  readonly timers: Timers;
  readonly backoff: Backoff;
  /** Reconnect when nothing arrived for this long while open (sleep, dead proxies). */
  readonly staleAfterMs: number;
  /** Give up on a socket that did not open within this long (a frozen relay, a half-open network). */
  readonly connectTimeoutMs: number;
  /** Asks why a socket closed before opening when the socket itself cannot say (browsers). */
  readonly probe?: RefusalProbe;
}

export interface Transport {
  readonly state: TransportState;
  /** Why retrying stopped, until the next `connect()`. */
  readonly stoppedBy: ClientError | undefined;
  /** When the next attempt starts (epoch ms of `timers.now()`), while one is scheduled after a failure. */
  readonly nextRetryAt: number | undefined;
  /** Failed attempts since the last connection that worked. */
  readonly failures: number;
  /** Starts the scheduled attempt now (no-op unless one is scheduled). */
  retryNow(): void;
  connect(): void;
  disconnect(): void;
  send(bytes: Uint8Array): boolean;
  /** The connection did its job (handshake done): the next failure starts from the shortest delay. */
  markHealthy(): void;
  on: ReturnType<typeof createEmitter<TransportEvents>>['on'];
  close(): void;
}
