import * as Y from 'yjs';
import { sendRelayInfo } from './relay-info.js';
import { CloseCode } from '@marginalia/protocol';
import type { ClientFrame } from './client-frame.js';
import type { DocumentStore, StoredUpdate } from '../ports/document-store.js';
import type { Fanout } from '../ports/fanout.js';
import type { Connection } from './connection.js';
import { createClientOwners } from './client-owners.js';
import { createDocSync, type DocSync, type UpdateOrigin } from './doc-sync.js';
import { errorFields, type Logger } from './logger.js';
import type { PendingLimits } from './pending-budget.js';
import type { ConflictLimits } from './conflict-budget.js';
import type { CompactionPolicy } from './persister.js';
import type { PresenceLimits } from './presence-limits.js';
import { createReadCache } from './read-cache.js';
import { createRoomMessages } from './room-messages.js';
import { createRoomFanout, type AntiEntropyPolicy } from './room-fanout.js';
import { createRoomResync } from './room-resync.js';
import type { ResyncCause } from './resync-cause.js';
import { serveStoredToFreshClients } from './serve-stored.js';
import type { RelayMetrics } from './relay-metrics.js';
import { RelayError } from './relay-error.js';
import type { WriteQueue } from './write-queue.js';

export type RoomState = 'loading' | 'ready' | 'failed' | 'closed';

/** What every room of a relay shares (the room registry passes it on to each room it creates). */
export interface RoomSharedOptions {
  readonly store: DocumentStore;
  /** The relay-wide queue that commits every document's updates together. */
  readonly writeQueue: WriteQueue;
  readonly metrics: RelayMetrics;
  readonly logger: Logger;
  readonly fanout: Fanout | undefined;
  readonly instanceId: string;
  readonly compaction: CompactionPolicy;
  readonly pendingLimits: PendingLimits;
  readonly maxDocBytes: number;
  readonly maxDocStructs: number;
  readonly conflictLimits: ConflictLimits;
  readonly presenceLimits: PresenceLimits;
  readonly antiEntropy: AntiEntropyPolicy;
}

export interface RoomOptions extends RoomSharedOptions {
  readonly docName: string;
  /** Resolves when the previous room of this name has written everything (the per-doc lock). */
  readonly previous: Promise<void>;
  /** The room has no connections and no leases left. */
  unused(room: Room): void;
  /** The room failed (load, storage, integrity): it must be dropped and never served again. */
  failed(room: Room): void;
}

export interface Room {
  readonly docName: string;
  readonly doc: Y.Doc;
  state(): RoomState;
  /** Resolves once loaded; rejects with RelayError('load_failed') when the load failed. */
  readonly loaded: Promise<void>;
  join(connection: Connection): void;
  leave(connection: Connection): void;
  /** Handles a decoded, charged client frame (queued while the document loads). */
  receive(connection: Connection, frame: ClientFrame): void;
  /**
   * Applies an update from HTTP by `userId` (undefined in open mode); resolves once durable
   * ('durable') or held pending ('pending').
   */
  applyUpdate(update: Uint8Array, userId?: string): Promise<'durable' | 'pending'>;
  /**
   * The fanout may have lost messages: reload the document's rows from the store and send the
   * connections whatever they lacked; after a reconnect or a gap, publish the local presence
   * states again. Counted by cause. Resolves when done (a failure fails the room).
   */
  resync(cause: ResyncCause): Promise<void>;
  /** The relay's anti-entropy tick (publishes this copy's digest while the room is active). */
  tick(): void;
  /** Another relay is gone: its presence states are removed, claims on them settle. */
  peerGone(origin: string): void;
  /** Keeps the room loaded until the returned function is called. */
  lease(): () => void;
  /** `view` of the document as it is now, encoded once per document version (for HTTP reads). */
  readCached<T>(view: string, encode: (doc: Y.Doc) => T, key?: string): T;
  users(): number;
  /** The document's size as the doc limit counts it (0 until loaded). */
  bytes(): number;
  /** Resolves when everything accepted so far is written (or the room failed). */
  whenIdle(): Promise<void>;
  /** Stops handling frames, writes everything, closes every connection with `code`. */
  shutdown(code: number, reason: string): Promise<void>;
  destroy(): void;
}

/** One loaded document and its connections. Created and dropped by the room registry. */
export function createRoom(options: RoomOptions): Room {
  const doc = new Y.Doc({ gc: true });
  const connections = new Set<Connection>();
  const backlog: [Connection, ClientFrame][] = [];
  let state: RoomState = 'loading';
  let leases = 0;
  let accepting = true;
  let sync: DocSync | undefined;
  const readCache = createReadCache(doc, options.metrics);

  /** One frame to every connection but `except`, counted in the metrics once for all of them. */
  const broadcast = (frame: Uint8Array, except?: Connection): void => {
    let sent = 0;
    for (const connection of connections) if (connection !== except && connection.sendUncounted(frame)) sent += 1;
    if (sent === 0) return;
    options.metrics.messagesOut.inc(undefined, sent);
    options.metrics.bytesOut.inc(undefined, sent * frame.byteLength);
  };
  const refuse = (connection: Connection, code: number, reason: string, message: string): void => {
    options.metrics.refusals.inc({ reason });
    options.logger.info({ doc: options.docName, connection: connection.id, reason }, 'connection refused frame');
    connection.close(code, message);
  };

  const messages = createRoomMessages({
    ...options,
    doc,
    broadcast,
    refuse,
    publish: (kind, payload) => roomFanout.publish(kind, payload),
  });

  const fail = (reason: string, error: unknown): void => {
    if (state === 'failed' || state === 'closed') return;
    state = 'failed';
    options.logger.error({ doc: options.docName, reason, ...errorFields(error) }, 'document failed');
    backlog.length = 0;
    for (const connection of connections) connection.close(CloseCode.Internal, reason);
    options.failed(room);
  };

  const handle = (connection: Connection, frame: ClientFrame): void => {
    // Updates a client sent before it left are still data (queued while loading): keep them.
    if (!connection.open() && frame.type !== 'sync-update' && frame.type !== 'sync-step-2') return;
    switch (frame.type) {
      case 'sync-step-1':
        if (connection.context.wantsInfo === true && sync !== undefined)
          sendRelayInfo(connection, sync, options.maxDocBytes);
        return messages.serveStep1(connection, frame.stateVector);
      case 'sync-step-2':
      case 'sync-update':
        return sync?.receiveUpdate(connection, frame.update);
      case 'awareness':
        return messages.receiveAwareness(connection, frame.update);
      case 'query-awareness':
        return messages.sendPresence(connection);
      default:
        return frame satisfies never;
    }
  };

  const roomFanout = createRoomFanout({
    ...options,
    doc,
    messages,
    ready: () => state === 'ready',
    loading: () => state === 'loading',
    sync: () => sync,
    resync: (cause) => void room.resync(cause),
  });
  const resyncer = createRoomResync({ ...options, doc, sync: () => sync, ready: () => state === 'ready', fail });

  const load = async (): Promise<void> => {
    await options.previous;
    await roomFanout.subscribed();
    let rows: StoredUpdate[];
    let owners: Map<number, string>;
    let servedEarly: Connection[] = [];
    try {
      [rows, owners] = await Promise.all([
        options.store.load(options.docName),
        options.store.loadClientOwners(options.docName),
      ]);
      servedEarly = await serveEarly(rows);
      Y.transact(doc, () => rows.forEach((row) => Y.applyUpdate(doc, row.update)));
    } catch (error) {
      fail('load failed', error);
      throw new RelayError('load_failed', `could not load ${options.docName}`, { cause: error });
    }
    if (state !== 'loading') throw new RelayError('load_failed', `${options.docName} closed while loading`);
    sync = createDocSync({
      ...options,
      doc,
      loadedRows: rows,
      owners: createClientOwners(options.store, options.docName, owners),
      connections,
      ready: () => state === 'ready',
      broadcast,
      publish: (update: Uint8Array) => roomFanout.publish('update', update),
      refuse,
      fail,
    });
    state = 'ready';
    roomFanout.loaded();
    // Served from storage before the rebuild: the rest of their sync step 1 answer.
    for (const connection of servedEarly) {
      if (!connection.open()) continue;
      if (connection.context.wantsInfo === true) sendRelayInfo(connection, sync, options.maxDocBytes);
      messages.sendStateVector(connection);
    }
    // A new connection learns who is there at once (stock clients do not ask).
    for (const connection of connections) messages.sendPresence(connection);
    for (const [connection, frame] of backlog.splice(0)) handle(connection, frame);
    resyncer.loaded();
  };

  /**
   * A stored single row goes to fresh clients before the rebuild (see serve-stored.ts): first one
   * turn for step 1 frames already on the wire to arrive, then, if any was answered, one more for
   * the sockets to take the bytes before the rebuild blocks the event loop.
   */
  const serveEarly = async (rows: readonly StoredUpdate[]): Promise<Connection[]> => {
    if (rows.length !== 1 || connections.size === 0) return [];
    await nextTurn();
    if (state !== 'loading' || !accepting) return [];
    const served = serveStoredToFreshClients(rows, backlog);
    if (served.length > 0) await nextTurn();
    return served;
  };

  const checkUnused = (): void => {
    if (connections.size === 0 && leases === 0) options.unused(room);
  };

  const room: Room = {
    docName: options.docName,
    doc,
    state: () => state,
    loaded: load(),
    join(connection) {
      connections.add(connection);
      if (state === 'ready') messages.sendPresence(connection);
    },
    leave(connection) {
      connection.detach();
      if (!connections.delete(connection)) return;
      messages.removePresence(connection);
      checkUnused();
    },
    receive(connection, frame) {
      if (!accepting) return;
      if (state === 'loading') backlog.push([connection, frame]);
      else if (state === 'ready') handle(connection, frame);
    },
    async applyUpdate(update, userId) {
      await room.loaded;
      if (!accepting || sync === undefined) throw new RelayError('shutting_down', 'the relay is shutting down');
      return sync.applyHttpUpdate(update, userId);
    },
    resync(cause) {
      options.metrics.resyncs.inc({ cause });
      if (cause === 'reconnect' || cause === 'message_gap') messages.republishPresence();
      return resyncer.request();
    },
    tick: () => roomFanout.tick(),
    peerGone: (origin) => messages.peerGone(origin),
    lease() {
      leases += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        leases -= 1;
        checkUnused();
      };
    },
    readCached: (view, encode, key) => readCache.get(view, encode, key),
    users: () => connections.size + leases,
    bytes: () => sync?.bytes() ?? 0,
    async whenIdle() {
      await loadSettled;
      await sync?.whenIdle();
    },
    async shutdown(code, reason) {
      accepting = false;
      await room.whenIdle();
      for (const connection of [...connections]) {
        connection.close(code, reason);
        room.leave(connection);
      }
      checkUnused();
    },
    destroy() {
      state = state === 'failed' ? 'failed' : 'closed';
      roomFanout.close();
      messages.close();
      readCache.close();
      options.metrics.pendingBytes.remove({ doc: options.docName });
      doc.destroy();
    },
  };
  const loadSettled = room.loaded.then(() => undefined, reportedByFail);
  return room;
}

/** One macrotask: lets pending I/O (incoming frames, socket writes) run. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A failed load was already logged and answered with 1011 by `fail`; waiters only need it settled. */
function reportedByFail(): void {
  return undefined;
}

export type { UpdateOrigin };
