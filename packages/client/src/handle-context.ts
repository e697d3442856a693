import type { PresenceUser } from '@marginalia/model';
import type { Backoff } from './backoff.js';
import type { ClientError } from './client-error.js';
import type { BroadcastChannelConstructor } from './cross-tab.js';
import type { LocalStoreProvider } from './local-store.js';
import type { FetchLike } from './http-fetch.js';
import type { HttpFallbackTuning } from './http-fallback.js';
import type { Timers } from './timers.js';
import type { TokenSource } from './token-source.js';
import type { WebSocketConstructor } from './websocket-like.js';

/** What the client hands every document handle it opens (resolved options plus callbacks). */
export interface HandleContext {
  readonly url: string;
  readonly user: PresenceUser;
  readonly tokens: TokenSource;
  readonly WebSocket: WebSocketConstructor;
  /** For the refusal probe (see refusal-probe.ts); undefined turns it off. */
  readonly fetch: FetchLike | undefined;
  readonly BroadcastChannel: BroadcastChannelConstructor | undefined;
  readonly channelPrefix: string;
  readonly stores: LocalStoreProvider;
  readonly timers: Timers;
  readonly createBackoff: () => Backoff;
  readonly staleAfterMs: number;
  readonly connectTimeoutMs: number;
  readonly resyncIntervalMs: number;
  readonly compactEvery: number;
  /** `saving` and `connecting` are shown once they lasted this long. */
  readonly statusDelayMs: number;
  /** Largest text (a note's body) a local change may make, UTF-8 bytes. */
  readonly maxFieldBytes: number;
  readonly presenceThrottleMs: number;
  readonly summaryQuietMs: number;
  readonly summaryMaxHoldMs: number;
  readonly presence: {
    readonly typingTimeoutMs?: number;
    readonly idleAfterMs?: number;
    readonly awayAfterMs?: number;
  };
  /** The HTTP fallback's settings; undefined: off (also when there is no `fetch`). */
  readonly httpFallback: (HttpFallbackTuning & { readonly afterFailures: number }) | undefined;
  readonly random: () => number;
  readonly onError: (docName: string, error: ClientError) => void;
  /** The handle started closing: a new `open()` of the name must make a new handle. */
  readonly onClosing: (docName: string, handle: unknown) => void;
  /** A document failed to connect and waits to retry (the client probes the relay meanwhile). */
  readonly onRetryScheduled?: () => void;
}
