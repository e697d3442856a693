import * as Y from 'yjs';
import { CloseCode, encodeAwareness, encodeSyncStep1, encodeSyncStep2, type Frame } from '@marginalia/protocol';
import type { DocumentStore, StoredUpdate } from '../ports/document-store.js';
import type { Fanout, FanoutMessage } from '../ports/fanout.js';
import { checkStateVector } from './check-update.js';
import type { Connection } from './connection.js';
import { createDocSync, type DocSync, type UpdateOrigin } from './doc-sync.js';
import { errorFields, type Logger } from './logger.js';
import type { CompactionPolicy } from './persister.js';
import { createPresence } from './presence.js';
import type { RelayMetrics } from './relay-metrics.js';
import { RelayError } from './relay-error.js';

export type RoomState = 'loading' | 'ready' | 'failed' | 'closed';

export interface RoomOptions {
  readonly docName: string;
  readonly store: DocumentStore;
  readonly metrics: RelayMetrics;
  readonly logger: Logger;
  readonly fanout: Fanout | undefined;
  readonly instanceId: string;
  readonly compaction: CompactionPolicy;
  readonly maxPendingBytes: number;
  readonly maxDocBytes: number;
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
  receive(connection: Connection, frame: Frame): void;
  /** Applies an update from HTTP; resolves once durable ('durable') or held pending ('pending'). */
  applyUpdate(update: Uint8Array): Promise<'durable' | 'pending'>;
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
  const presence = createPresence();
  const backlog: [Connection, Frame][] = [];
  let state: RoomState = 'loading';
  let leases = 0;
  let accepting = true;
  let sync: DocSync | undefined;
  let unsubscribe: (() => void) | undefined;

  const broadcast = (frame: Uint8Array, except?: Connection): void => {
    for (const connection of connections) if (connection !== except) connection.send(frame);
  };
  const refuse = (connection: Connection, code: number, reason: string, message: string): void => {
    options.metrics.refusals.inc({ reason });
    options.logger.info('connection refused frame', { doc: options.docName, connection: connection.id, reason });
    connection.close(code, message);
  };

  const fail = (reason: string, error: unknown): void => {
    if (state === 'failed' || state === 'closed') return;
    state = 'failed';
    options.logger.error('document failed', { doc: options.docName, reason, ...errorFields(error) });
    backlog.length = 0;
    for (const connection of connections) connection.close(CloseCode.Internal, reason);
    options.failed(room);
  };

  const handle = (connection: Connection, frame: Frame): void => {
    // Updates a client sent before it left are still data (queued while loading): keep them.
    if (!connection.open() && frame.type !== 'sync-update' && frame.type !== 'sync-step-2') return;
    switch (frame.type) {
      case 'sync-step-1':
        return serveStep1(connection, frame.stateVector);
      case 'sync-step-2':
      case 'sync-update':
        return sync?.receiveUpdate(connection, frame.update);
      case 'awareness':
        return receiveAwareness(connection, frame.update);
      case 'query-awareness':
        return sendPresence(connection);
      default:
        return refuse(connection, CloseCode.BadRequest, 'server_only_message', `unexpected ${frame.type} frame`);
    }
  };

  const serveStep1 = (connection: Connection, stateVector: Uint8Array): void => {
    if (checkStateVector(stateVector) === undefined) {
      return refuse(connection, CloseCode.BadRequest, 'bad_state_vector', 'malformed state vector');
    }
    connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(doc, stateVector)));
    connection.send(encodeSyncStep1(Y.encodeStateVector(doc)));
  };

  const receiveAwareness = (connection: Connection, update: Uint8Array): void => {
    let change;
    try {
      change = presence.apply(connection, update);
    } catch (error) {
      options.logger.debug('bad awareness', { doc: options.docName, ...errorFields(error) });
      return refuse(connection, CloseCode.BadRequest, 'bad_awareness', 'malformed awareness update');
    }
    if (change.foreign > 0) options.metrics.refusals.inc({ reason: 'awareness_foreign' }, change.foreign);
    if (change.update === undefined) return;
    broadcast(encodeAwareness(change.update), connection);
    publish('awareness', change.update);
  };

  const publish = (kind: FanoutMessage['kind'], payload: Uint8Array): void => {
    options.fanout?.publish(options.docName, { kind, origin: options.instanceId, payload }).catch((error: unknown) => {
      options.logger.warn('fanout publish failed', { doc: options.docName, ...errorFields(error) });
    });
  };

  const fromFanout = (message: FanoutMessage): void => {
    if (message.origin === options.instanceId || state !== 'ready') return;
    if (message.kind === 'update') sync?.integrate(message.payload, 'fanout');
    else broadcast(encodeAwareness(message.payload));
  };

  const load = async (): Promise<void> => {
    await options.previous;
    let rows: StoredUpdate[];
    try {
      rows = await options.store.load(options.docName);
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
    unsubscribe = options.fanout?.subscribe(options.docName, fromFanout);
    for (const connection of connections) sendPresence(connection);
    for (const [connection, frame] of backlog.splice(0)) handle(connection, frame);
  };

  /** A new connection learns who is there at once (stock clients do not ask). */
  const sendPresence = (connection: Connection): void => {
    const snapshot = presence.snapshot();
    if (snapshot !== undefined) connection.send(encodeAwareness(snapshot));
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
      if (state === 'ready') sendPresence(connection);
    },
    leave(connection) {
      connection.detach();
      if (!connections.delete(connection)) return;
      const removal = presence.removeOwnedBy(connection);
      if (removal !== undefined) {
        broadcast(encodeAwareness(removal));
        publish('awareness', removal);
      }
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
      doc.destroy();
    },
  };
  const loadSettled = room.loaded.then(() => undefined, reportedByFail);
  return room;
}

/** A failed load was already logged and answered with 1011 by `fail`; waiters only need it settled. */
function reportedByFail(): void {
  return undefined;
}

export type { UpdateOrigin };
