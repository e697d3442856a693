import type { BackoffOptions } from './backoff.js';
import type { BroadcastChannelConstructor } from './cross-tab.js';
import type { IndexedDbFactory, LocalStoreProvider } from './local-store.js';
import type { FetchLike } from './http-fetch.js';
import type { Timers } from './timers.js';
import type { WebSocketConstructor } from './websocket-like.js';

export interface HttpFallbackOptions {
  readonly afterFailures?: number;
  readonly minPollMs?: number;
  readonly maxPollMs?: number;
  readonly socketRetryMs?: number;
}

/** Who is using the client: shown to others in presence and recorded as the author of changes. */
export interface ClientUser {
  readonly id: string;
  readonly name: string;
  /** `#rrggbb` or a palette color name; derived from the id when left out. */
  readonly color?: string;
}

/** Something with `addEventListener`, like `window` (for `online`/`offline` and activity events). */
export interface EventTargetLike {
  addEventListener(type: string, listener: (event: unknown) => void): void;
  removeEventListener(type: string, listener: (event: unknown) => void): void;
}

export interface ClientOptions {
  /** Base URL of the relay, e.g. `wss://relay.example.com` (documents live at `/v1/sync/<name>`). */
  readonly url: string;
  readonly token?: string;
  /** Called for the first token when `token` is not given, and for a fresh one after a 4401. */
  readonly getToken?: () => string | Promise<string>;
  readonly user: ClientUser;
  /** Default `globalThis.WebSocket`; in Node pass `WebSocket` from the `ws` package. */
  readonly WebSocket?: WebSocketConstructor;
  /**
   * Used to learn why a websocket was refused before it opened (browsers only see close 1006), for the
   * reachability probe and for the HTTP fallback. Default `globalThis.fetch`; `null` turns all three off.
   */
  readonly fetch?: FetchLike | null;
  /** The IndexedDB factory for the local store. Default `globalThis.indexedDB`. */
  readonly indexedDB?: IndexedDbFactory;
  /** Overrides the local store; `'memory'` keeps documents only in memory. */
  readonly localStore?: LocalStoreProvider | 'memory';
  /** Cross-tab sync. Default: the global BroadcastChannel in browsers, none elsewhere; `null` turns it off. */
  readonly BroadcastChannel?: BroadcastChannelConstructor | null;
  /** Prefix of the BroadcastChannel names. Default `'marginalia:'`. */
  readonly channelPrefix?: string;
  /** Where `online`/`offline` and activity events come from. Default `globalThis.window` when there is one. */
  readonly window?: EventTargetLike | null;
  /** Connect as soon as a document is loaded. Default true. */
  readonly autoConnect?: boolean;
  readonly timers?: Timers;
  /** Randomness of the reconnect jitter (tests pin it). */
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  /** Send a sync step 1 this often while connected. Default 60 s. */
  readonly resyncIntervalMs?: number;
  /** Reconnect when nothing arrived for this long. Default 150 s. */
  readonly staleAfterMs?: number;
  /** Give up on a connection attempt that did not open within this long, and retry. Default 20 s. */
  readonly connectTimeoutMs?: number;
  /**
   * Largest text (a note's body) a local change may make, in UTF-8 bytes: a change past it is undone at once
   * and reported as a `field_too_large` error, and later changes sync as usual. Default 2 000 000.
   */
  readonly maxFieldBytes?: number;
  /** The `state` event shows `saving` and `connecting` only once they lasted this long (no flicker). Default 400 ms. */
  readonly statusDelayMs?: number;
  /**
   * While a document's relay is unreachable and the page is visible, a cheap `GET /healthz` this often
   * (jittered) finds out when it is back, and the documents reconnect at once. Default 800 ms; 0 turns it off.
   */
  readonly probeIntervalMs?: number;
  /**
   * When the websocket fails `afterFailures` times in a row (a proxy that refuses upgrades) while HTTP reaches the
   * relay, sync over the relay's HTTP endpoints: state `http-fallback`, polls between `minPollMs` (right after
   * something moved) and `maxPollMs` (idle, doubling), the socket retried every `socketRetryMs`. Needs `fetch`.
   * Defaults 2, 1000, 15 000, 10 000; `false` turns it off.
   */
  readonly httpFallback?: false | HttpFallbackOptions;
  /** Merge the local log after this many writes. Default 500. */
  readonly compactEvery?: number;
  /** A burst of others' changes is summarized after this much quiet. Default 1 s. */
  readonly summaryQuietMs?: number;
  /** ...but at the latest this long after the burst's first change, even while the activity goes on. Default 5 s. */
  readonly summaryMaxHoldMs?: number;
  readonly presence?: {
    /** At most one presence update per this many ms goes out. Default 100. */
    readonly throttleMs?: number;
    readonly typingTimeoutMs?: number;
    readonly idleAfterMs?: number;
    readonly awayAfterMs?: number;
  };
}
