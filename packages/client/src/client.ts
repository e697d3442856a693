import { createBackoff } from './backoff.js';
import { ClientError } from './client-error.js';
import type { ClientOptions, ClientUser, EventTargetLike } from './client-options.js';
import type { BroadcastChannelConstructor } from './cross-tab.js';
import { openDocHandle, type DocHandle, type ManagedDocHandle } from './doc-handle.js';
import { createEmitter } from './emitter.js';
import type { HandleContext } from './handle-context.js';
import { createIndexedDbStoreProvider } from './indexeddb-store.js';
import type { IndexedDbFactory, LocalStoreProvider } from './local-store.js';
import { createMemoryStoreProvider } from './memory-store.js';
import type { FetchLike } from './http-fetch.js';
import { realTimers } from './timers.js';
import { createRelayProbe } from './relay-probe.js';
import { createSharedOnline } from './shared-online.js';
import { createTokenSource } from './token-source.js';
import type { WebSocketConstructor } from './websocket-like.js';

export interface Client {
  readonly user: Readonly<Required<ClientUser>>;
  /**
   * Opens a document, or returns the handle already open under that name. Opens are counted: pair each
   * with one `handle.close()`; the document closes when the last opener closed it.
   */
  open(docName: string): DocHandle;
  /** The open handles. */
  readonly docs: readonly DocHandle[];
  /** Local changes not yet confirmed by the relay, over every open document. */
  readonly unsyncedChanges: number;
  /** Go online: every document connects (the default after `createClient`); in every tab of this user. */
  connect(): void;
  /** Go offline on purpose ("work offline"): every document, in every tab of this user, until `connect()`. */
  disconnect(): void;
  /** Every document waiting to retry (unreachable) tries now. */
  retryNow(): void;
  /** Deletes a document's local copy, closing its handle first (for every opener) when it is open. */
  clearLocalData(docName: string): Promise<void>;
  on(event: 'error', listener: (error: ClientError, docName: string) => void): () => void;
  close(): Promise<void>;
}

/** A note's body (any text of the doc) may grow to this many UTF-8 bytes; larger changes are refused at edit time. */
export const DEFAULT_MAX_FIELD_BYTES = 2_000_000;

export function createClient(options: ClientOptions): Client {
  const user = { id: options.user.id, name: options.user.name, color: options.user.color ?? colorOf(options.user.id) };
  const events = createEmitter<{ error: [ClientError, string] }>();
  const handles = new Map<string, ManagedDocHandle>();
  const win =
    options.window === undefined ? (globalThis as { window?: EventTargetLike }).window : (options.window ?? undefined);
  let wanted = options.autoConnect ?? true;
  let closed = false;
  let networkUp = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false || win === undefined;
  const stores = resolveStores(options);
  const random = options.random ?? Math.random;

  const ctx: HandleContext = {
    url: options.url,
    user,
    tokens: createTokenSource(options.token, options.getToken),
    WebSocket: resolveWebSocket(options.WebSocket),
    fetch: options.fetch === null ? undefined : (options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch),
    BroadcastChannel: resolveBroadcastChannel(options.BroadcastChannel),
    channelPrefix: options.channelPrefix ?? 'marginalia:',
    stores,
    timers: options.timers ?? realTimers,
    createBackoff: () => createBackoff(options.backoff, random),
    staleAfterMs: options.staleAfterMs ?? 150_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 20_000,
    resyncIntervalMs: options.resyncIntervalMs ?? 60_000,
    compactEvery: options.compactEvery ?? 500,
    statusDelayMs: options.statusDelayMs ?? 400,
    maxFieldBytes: options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES,
    presenceThrottleMs: options.presence?.throttleMs ?? 100,
    summaryQuietMs: options.summaryQuietMs ?? 1000,
    summaryMaxHoldMs: options.summaryMaxHoldMs ?? 5000,
    presence: options.presence ?? {},
    httpFallback: resolveHttpFallback(options),
    random,
    onError: (docName, error) => events.emit('error', error, docName),
    onClosing: (docName, handle) => {
      if (handles.get(docName) === handle) handles.delete(docName);
    },
    onRetryScheduled: () => probe?.kick(),
  };
  const timers = ctx.timers;
  const retryAll = (): void => handles.forEach((handle) => handle.retryNow());
  const probeIntervalMs = options.probeIntervalMs ?? 800;
  const probe =
    ctx.fetch === undefined || probeIntervalMs <= 0
      ? undefined
      : createRelayProbe({
          url: options.url,
          fetch: ctx.fetch,
          timers,
          random,
          intervalMs: probeIntervalMs,
          needed: () =>
            [...handles.values()].some(
              (handle) => handle.state.kind === 'unreachable' || handle.state.kind === 'connecting',
            ),
          visible: () =>
            (globalThis as { document?: { visibilityState?: string } }).document?.visibilityState !== 'hidden',
          // Spread over a quarter second: a crowd that saw the relay come back does not hit it in one instant.
          onUp: () => handles.forEach((handle) => timers.setTimeout(() => handle.retryNow(), random() * 250)),
        });

  const sync = (): void => {
    for (const handle of handles.values()) {
      if (wanted && networkUp) handle.connect();
      else handle.disconnect(wanted ? 'no-network' : 'paused');
    }
  };
  const shared = createSharedOnline(
    ctx.BroadcastChannel,
    `${ctx.channelPrefix}online:${user.id}`,
    () => wanted,
    (next) => {
      wanted = next;
      sync();
    },
  );
  const listeners: Array<[string, (event: unknown) => void]> = [
    [
      'online',
      () => {
        networkUp = true;
        sync();
        retryAll();
      },
    ],
    ['focus', () => probe?.kick()],
    [
      'offline',
      () => {
        networkUp = false;
        sync();
      },
    ],
    ...['keydown', 'pointerdown', 'focus'].map((type): [string, () => void] => [
      type,
      () => handles.forEach((h) => h.presence.touch()),
    ]),
  ];
  for (const [type, listener] of listeners) win?.addEventListener(type, listener);

  return {
    user,
    open(docName) {
      if (closed) throw new ClientError('closed', `open(${docName}) after client.close()`);
      const existing = handles.get(docName);
      if (existing !== undefined) {
        existing.retain();
        return existing;
      }
      const handle = openDocHandle(docName, ctx);
      handles.set(docName, handle);
      if (wanted && networkUp) handle.connect();
      return handle;
    },
    get docs() {
      return [...handles.values()];
    },
    get unsyncedChanges() {
      return [...handles.values()].reduce((sum, handle) => sum + handle.unsyncedChanges, 0);
    },
    connect() {
      wanted = true;
      shared.announce(true);
      sync();
    },
    disconnect() {
      wanted = false;
      shared.announce(false);
      sync();
    },
    retryNow: retryAll,
    async clearLocalData(docName) {
      await handles.get(docName)?.destroy();
      await stores.clear(docName, (error) => events.emit('error', error, docName));
    },
    on: (event, listener) => events.on(event, listener),
    async close() {
      closed = true;
      for (const [type, listener] of listeners) win?.removeEventListener(type, listener);
      probe?.close();
      shared.close();
      await Promise.all([...handles.values()].map((handle) => handle.destroy()));
      events.clear();
    },
  };
}

function resolveHttpFallback(options: ClientOptions): HandleContext['httpFallback'] {
  if (options.httpFallback === false || options.fetch === null) return undefined;
  const given = options.httpFallback ?? {};
  return {
    afterFailures: given.afterFailures ?? 2,
    minPollMs: given.minPollMs ?? 1000,
    maxPollMs: given.maxPollMs ?? 15_000,
    socketRetryMs: given.socketRetryMs ?? 10_000,
  };
}

function resolveStores(options: ClientOptions): LocalStoreProvider {
  if (options.localStore === 'memory') return createMemoryStoreProvider();
  if (options.localStore !== undefined) return options.localStore;
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IndexedDbFactory }).indexedDB;
  return factory === undefined ? createMemoryStoreProvider() : createIndexedDbStoreProvider({ indexedDB: factory });
}

function resolveWebSocket(given: WebSocketConstructor | undefined): WebSocketConstructor {
  const found = given ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (found === undefined) throw new TypeError('no WebSocket in this environment: pass one (in Node, `ws`)');
  return found;
}

function resolveBroadcastChannel(
  given: BroadcastChannelConstructor | null | undefined,
): BroadcastChannelConstructor | undefined {
  if (given === null) return undefined;
  if (given !== undefined) return given;
  const inBrowser = typeof (globalThis as { window?: unknown }).window !== 'undefined';
  return inBrowser ? (globalThis as { BroadcastChannel?: BroadcastChannelConstructor }).BroadcastChannel : undefined;
}

/** A stable `#rrggbb` from a user id. */
function colorOf(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `#${(hash & 0xffffff).toString(16).padStart(6, '0')}`;
}
