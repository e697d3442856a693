import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { createModel } from '@marginalia/model';
import { createAwarenessSync } from './awareness-sync.js';
import { createChangeSummaries } from './change-summaries.js';
import { ClientError, listenerFailed } from './client-error.js';
import { createCrossTab } from './cross-tab.js';
import { changeUnitOf } from './change-unit.js';
import { createDocSync } from './doc-sync.js';
import { createEditGuard } from './edit-guard.js';
import { createRelayLimits } from './relay-limits.js';
import { createSendPacer } from './send-pacer.js';
import { createEmitter } from './emitter.js';
import { createHttpFallback, type HttpFallback } from './http-fallback.js';
import { createRelayHttp } from './relay-http.js';
import type { HandleContext } from './handle-context.js';
import { createLocalPersistence } from './local-persistence.js';
import { createPresence } from './presence.js';
import { createSyncedWaiter } from './synced-waiter.js';
import { createRefusalProbe } from './refusal-probe.js';
import { trackTransactionOrigin } from './transaction-origin.js';
import { createTransport, docUrl } from './transport.js';
import { createUnsyncedTracker } from './unsynced-tracker.js';
import { createUnreadWatch } from './unread-watch.js';
import type { DocHandleEvents, ManagedDocHandle, SyncStatus } from './doc-handle-types.js';
import { createStateDebouncer, type SyncState } from './sync-state.js';

export type { DocHandle, DocHandleEvents, ManagedDocHandle, SyncStatus } from './doc-handle-types.js';

/** Opens one document: local store first, then the relay (when the client wants to be online); see DocHandle. */
export function openDocHandle(name: string, ctx: HandleContext): ManagedDocHandle {
  // A listener that throws is reported as an error event (a failing `error` listener: to the client's only).
  const events = createEmitter<DocHandleEvents>((cause, event) => {
    const error = listenerFailed(event, cause);
    if (event !== 'error') events.emit('error', error);
    ctx.onError(name, error);
  });
  const origins = {
    store: { source: 'local-store' },
    relay: { source: 'relay' },
    tab: { source: 'other-tab' },
    refused: { source: 'refused-change' },
  };
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const limits = createRelayLimits();
  const reportError = (error: ClientError): void => {
    events.emit('error', error);
    ctx.onError(name, error);
  };
  // First of the transaction listeners: a refused change is undone before the model stamps it.
  const guard = createEditGuard({
    doc,
    limits,
    maxFieldBytes: ctx.maxFieldBytes,
    revertOrigin: origins.refused,
    onRefused: reportError,
  });
  const outgoing = (update: Uint8Array, tx: Y.Transaction): Uint8Array | undefined =>
    guard.isRefused(tx) ? undefined : (guard.replacementFor(tx) ?? update);
  const txOrigin = trackTransactionOrigin(doc);
  const model = createModel(doc, {
    user: { id: ctx.user.id, name: ctx.user.name, color: ctx.user.color },
    now: ctx.timers.now,
  });
  const tracker = createUnsyncedTracker();
  const local = createLocalPersistence({
    doc,
    store: ctx.stores.open(name),
    tracker,
    origin: origins.store,
    compactEvery: ctx.compactEvery,
    onError: reportError,
  });
  const url = docUrl(ctx.url, name);
  const transport = createTransport({
    url,
    tokens: ctx.tokens,
    WebSocket: ctx.WebSocket,
    timers: ctx.timers,
    backoff: ctx.createBackoff(),
    staleAfterMs: ctx.staleAfterMs,
    connectTimeoutMs: ctx.connectTimeoutMs,
    ...(ctx.fetch === undefined ? {} : { probe: createRefusalProbe(url, ctx.fetch, ctx.connectTimeoutMs) }),
  });
  const presence = createPresence({
    awareness,
    user: ctx.user,
    timers: ctx.timers,
    ...ctx.presence,
    available: () => transport.state === 'open',
    onAvailabilityChange: (listener) => transport.on('state', listener),
    onListenerError: (cause, event) => reportError(listenerFailed(`presence ${event}`, cause)),
  });
  const awarenessSync = createAwarenessSync({
    awareness,
    transport,
    origin: origins.relay,
    timers: ctx.timers,
    throttleMs: ctx.presenceThrottleMs,
    onError: reportError,
  });
  const pacer = createSendPacer(() => limits.info, ctx.timers);
  const fallback = createFallback();
  let status: SyncStatus = 'offline';
  let unsynced = 0;
  let pending = 0;
  let wantConnected = false;
  let offlineReason: 'paused' | 'no-network' = 'paused';
  const shown = createStateDebouncer(ctx.timers, ctx.statusDelayMs, (state) => events.emit('state', state));
  const computeState = (): SyncState => {
    if (!loaded) return { kind: 'loading' };
    if (transport.stoppedBy !== undefined) return { kind: 'refused', error: transport.stoppedBy };
    if (!wantConnected) return { kind: offlineReason };
    if (transport.state === 'open') {
      if (limits.known && !limits.info.canWrite) return { kind: 'read-only' };
      return { kind: sync.handshakeDone && tracker.pending === 0 ? 'saved' : 'saving' };
    }
    if (fallback?.state === 'active') return { kind: limits.info.canWrite ? 'http-fallback' : 'read-only' };
    const at = transport.nextRetryAt;
    return at === undefined
      ? { kind: 'connecting' }
      : { kind: 'unreachable', nextRetryAt: at, failures: transport.failures };
  };
  let loaded = false;
  let closing: Promise<void> | undefined;
  let refs = 1;

  const refresh = (): void => {
    const next: SyncStatus =
      transport.state === 'open'
        ? sync.handshakeDone && tracker.pending === 0
          ? 'synced'
          : 'connected'
        : fallback?.state === 'active'
          ? fallback.caughtUp && tracker.pending === 0
            ? 'synced'
            : 'connected'
          : transport.state;
    if (tracker.pending < pending) local.persistCount();
    pending = tracker.pending;
    if (tracker.count !== unsynced) {
      unsynced = tracker.count;
      events.emit('unsynced', unsynced);
    }
    if (next !== status) {
      status = next;
      events.emit('status', status);
    }
    if (closing === undefined) shown.update(computeState());
  };
  const sync = createDocSync({
    doc,
    transport,
    tracker,
    flushLocal: local.flush,
    origin: origins.relay,
    timers: ctx.timers,
    resyncIntervalMs: ctx.resyncIntervalMs,
    limits,
    pacer,
    onRelayInfo: limits.learn,
    onAwareness: awarenessSync.receive,
    onQueryAwareness: awarenessSync.sendLocal,
    onError: reportError,
    onChange: refresh,
  });
  transport.on('state', refresh);
  transport.on('open', () => fallback?.leave());
  transport.on('stopped', reportError);
  transport.on('retry', (ms) => {
    events.emit('retry', ms);
    if (fallback !== undefined && transport.failures >= (ctx.httpFallback?.afterFailures ?? 0)) fallback.join();
    refresh();
    ctx.onRetryScheduled?.();
  });
  transport.on('stopped', () => {
    fallback?.leave();
    refresh();
  });

  const onUpdate = (raw: Uint8Array, origin: unknown, _doc: Y.Doc, tx: Y.Transaction): void => {
    if (origin === origins.store) return;
    const update = outgoing(raw, tx);
    if (update === undefined) return;
    const isLocal = origin !== origins.relay && origin !== origins.tab;
    // What others add reaches the estimate with the next relay-info (every connection and resync).
    if (origin !== origins.relay) limits.grew(update.byteLength);
    if (isLocal) {
      const unit = origin === origins.refused ? null : changeUnitOf(tx);
      tracker.recordChange(unit);
      if (unit !== null) presence.touch();
    }
    local.persist(update, isLocal);
    if (origin !== origins.relay) {
      sync.enqueue(update);
      fallback?.nudge();
    }
    refresh();
  };
  doc.on('update', onUpdate);

  const summaries = createChangeSummaries({
    model,
    timers: ctx.timers,
    quietMs: ctx.summaryQuietMs,
    maxHoldMs: ctx.summaryMaxHoldMs,
    nameOf: (userId) => nameFromPresence(awareness, userId),
    isReplay: () => txOrigin.current === origins.store,
    onChanges: (batch) => events.emit('changes', batch),
    onSummary: (summary) => events.emit('summary', summary),
  });
  const unreadWatch = createUnreadWatch({
    model,
    timers: ctx.timers,
    listening: () => events.listenerCount('unread') > 0,
    onCount: (count) => events.emit('unread', count),
  });

  let crossTab: { close(): void } | undefined;
  const whenLoaded = local.load().then(() => {
    loaded = true;
    refresh();
    if (closing !== undefined) return;
    if (ctx.BroadcastChannel !== undefined) {
      crossTab = createCrossTab({
        channel: ctx.BroadcastChannel,
        name: `${ctx.channelPrefix}${name}`,
        doc,
        awareness,
        origin: origins.tab,
        skipOrigins: [origins.relay, origins.store],
        onError: reportError,
        outgoing,
      });
    }
    if (wantConnected) transport.connect();
  });
  const synced = createSyncedWaiter(() => status === 'synced');
  events.on('status', synced.check);

  const handle: ManagedDocHandle = {
    name,
    doc,
    model,
    presence,
    awareness,
    whenLoaded,
    get whenSynced() {
      return synced.promise;
    },
    get status() {
      return status;
    },
    get unsyncedChanges() {
      return tracker.count;
    },
    get stoppedBy() {
      return transport.stoppedBy;
    },
    get state() {
      return shown.current;
    },
    retryNow: () => transport.retryNow(),
    on: (event, listener) => events.on(event, listener),
    connect() {
      if (!wantConnected) fallback?.reset();
      wantConnected = true;
      if (loaded && closing === undefined) transport.connect();
      refresh();
    },
    disconnect(reason = 'paused') {
      wantConnected = false;
      offlineReason = reason;
      fallback?.leave();
      transport.disconnect();
      refresh();
    },
    retain() {
      refs += 1;
    },
    close() {
      if (closing !== undefined) return closing;
      refs -= 1;
      return refs > 0 ? Promise.resolve() : handle.destroy();
    },
    destroy() {
      if (closing === undefined) ctx.onClosing(name, handle);
      closing ??= (async () => {
        presence.close();
        fallback?.close();
        for (const part of [summaries, unreadWatch, awarenessSync, sync, transport, guard, shown]) part.close();
        crossTab?.close();
        doc.off('update', onUpdate);
        model.close();
        txOrigin.close();
        awareness.destroy();
        await whenLoaded;
        await local.close();
        synced.close(new ClientError('closed', `${name} was closed`));
        events.clear();
        doc.destroy();
      })();
      return closing;
    },
  };
  return handle;

  /** Sync over HTTP while the socket cannot open (http-fallback.ts); none without `fetch` or when turned off. */
  function createFallback(): HttpFallback | undefined {
    if (ctx.fetch === undefined || ctx.httpFallback === undefined) return undefined;
    return createHttpFallback({
      ...ctx.httpFallback,
      doc,
      http: createRelayHttp(url, ctx.fetch, ctx.tokens, ctx.connectTimeoutMs),
      tracker,
      limits,
      pacer,
      flushLocal: local.flush,
      origin: origins.relay,
      timers: ctx.timers,
      random: ctx.random,
      onInfo: limits.learn,
      retrySocket: () => transport.retryNow(),
      onError: reportError,
      onChange: () => refresh(),
    });
  }
}

function nameFromPresence(awareness: Awareness, userId: string): string | undefined {
  for (const state of awareness.getStates().values()) {
    const user = (state as { user?: { id?: unknown; name?: unknown } }).user;
    if (user?.id === userId && typeof user.name === 'string') return user.name;
  }
  return undefined;
}
