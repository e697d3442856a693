import * as Y from 'yjs';
import { CloseCode } from '@marginalia/protocol';
import type { ClientFrame } from './client-frame.js';
import type { DocumentStore, StoredUpdate } from '../ports/document-store.js';
import type { Fanout, FanoutMessage } from '../ports/fanout.js';
import type { Connection } from './connection.js';
import { createDocSync, type DocSync, type UpdateOrigin } from './doc-sync.js';
import { errorFields, type Logger } from './logger.js';
import type { CompactionPolicy } from './persister.js';
import type { PresenceLimits } from './presence-limits.js';
import { createRoomMessages } from './room-messages.js';
import { createRoomResync } from './room-resync.js';
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
  readonly maxPendingBytes: number;
  readonly maxDocBytes: number;
  readonly presenceLimits: PresenceLimits;
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
  /** Applies an update from HTTP; resolves once durable ('durable') or held pending ('pending'). */
  applyUpdate(update: Uint8Array): Promise<'durable' | 'pending'>;
  /**
   * The fanout may have lost messages: reload the document's rows from the store and send the
   * connections whatever they lacked; publish the local presence states again. Resolves when done
   * (a failure fails the room).
   */
  resync(): Promise<void>;
  /** Keeps the room loaded until the returned function is called. */
  lease(): () => void;
  users(): number;
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

  const broadcast = (frame: Uint8Array, except?: Connection): void => {
    for (const connection of connections) if (connection !== except) connection.send(frame);
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
    publishAwareness: (update) => publish('awareness', update),
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

  const publish = (kind: FanoutMessage['kind'], payload: Uint8Array): void => {
    options.fanout?.publish(options.docName, { kind, origin: options.instanceId, payload }).catch((error: unknown) => {
      options.logger.warn({ doc: options.docName, ...errorFields(error) }, 'fanout publish failed');
    });
  };

  const fromFanout = (message: FanoutMessage): void => {
    if (message.origin === options.instanceId) return;
    if (state === 'loading') fanoutBacklog.push(message);
    else if (state !== 'ready') return;
    else if (message.kind === 'update') sync?.integrate(message.payload, 'fanout');
    else messages.receiveRemoteAwareness(message.origin, message.payload);
  };
  // Subscribed before loading: what other instances publish meanwhile is applied after the load.
  const fanoutBacklog: FanoutMessage[] = [];
  const unsubscribe = options.fanout?.subscribe(options.docName, fromFanout);
  const resyncer = createRoomResync({ ...options, doc, sync: () => sync, ready: () => state === 'ready', fail });

  const load = async (): Promise<void> => {
    await options.previous;
    await subscribed();
    let rows: StoredUpdate[];
    let servedEarly: Connection[] = [];
    try {
      rows = await options.store.load(options.docName);
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
      connections,
      broadcast,
      publish: (update: Uint8Array) => publish('update', update),
      refuse,
      fail,
    });
    state = 'ready';
    for (const message of fanoutBacklog.splice(0)) fromFanout(message);
    // Served from storage before the rebuild: the rest of their sync step 1 answer.
    for (const connection of servedEarly) if (connection.open()) messages.sendStateVector(connection);
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

  // Load only once the fanout delivers: an update committed after the load's read is then
  // published to a live subscription, and anything earlier is in what the load reads.
  const subscribed = async (): Promise<void> => {
    try {
      await options.fanout?.whenSubscribed(options.docName);
    } catch (error) {
      options.logger.warn({ doc: options.docName, ...errorFields(error) }, 'fanout subscribe failed');
    }
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
    async applyUpdate(update) {
      await room.loaded;
      if (!accepting || sync === undefined) throw new RelayError('shutting_down', 'the relay is shutting down');
      return sync.applyHttpUpdate(update);
    },
    resync() {
      messages.republishPresence();
      return resyncer.request();
    },
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
    users: () => connections.size + leases,
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
      unsubscribe?.();
      messages.close();
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
