import type * as Y from 'yjs';
import { CloseCode, decodeFrame, isProtocolError, type Frame } from '@marginalia/protocol';
import { isFromClient, type ClientFrame } from './client-frame.js';
import type { ConnectionContext, FrameMeter } from '../ports/admission.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { Fanout, FanoutHealth } from '../ports/fanout.js';
import type { RelaySocket } from '../ports/socket.js';
import { createConnection, type Connection, type ConnectionHost } from './connection.js';
import { createSilentLogger, errorFields, type Logger } from './logger.js';
import type { CompactionPolicy } from './persister.js';
import { DEFAULT_PRESENCE_LIMITS, type PresenceLimits } from './presence-limits.js';
import { createRelayMetrics, type RelayMetrics } from './relay-metrics.js';
import { isRelayError, RelayError } from './relay-error.js';
import { monitorFanout } from './fanout-monitor.js';
import { DEFAULT_ANTI_ENTROPY, type AntiEntropyPolicy } from './room-fanout.js';
import { createRoomRegistry } from './room-registry.js';
import { createReadLinger } from './read-linger.js';
import { createStoreHealth, type StoreStatus } from './store-health.js';
import { createWriteQueue } from './write-queue.js';

export interface RelayCoreOptions {
  readonly store: DocumentStore;
  readonly fanout?: Fanout;
  readonly logger?: Logger;
  readonly metrics?: RelayMetrics;
  /** Identifies this instance on the fanout; random by default. */
  readonly instanceId?: string;
  readonly compaction?: Partial<CompactionPolicy>;
  readonly maxPendingBytesPerDoc?: number;
  /** Structs Yjs may hold pending (missing dependencies) per document; past it all pending content is dropped (4413 / 413). */
  readonly maxPendingStructsPerDoc?: number;
  /** Deletion ranges of not-yet-seen items a document may hold pending; past it likewise. */
  readonly maxPendingDeletesPerDoc?: number;
  readonly maxLoadedDocs?: number;
  /** Largest document in stored bytes; writes that would pass it are refused. */
  readonly maxDocBytes?: number;
  /**
   * Most structs (items and GC ranges) a loaded document may hold; updates past it are refused.
   * What a document costs in memory grows with its structs (one-character items cost ~60 times
   * their bytes), not with its stored bytes.
   */
  readonly maxDocStructs?: number;
  /**
   * Steps Yjs' conflict resolution may take for one update (concurrent inserts at one position
   * integrate in quadratic time), estimated before it is applied: past it, 4413 / 413.
   */
  readonly maxConflictSteps?: number;
  /** Such steps per second per document (burst `maxConflictSteps`): past it, 4429 / 429. */
  readonly conflictStepsPerSecond?: number;
  /**
   * Group commit: the updates of every document are written in one transaction per window of
   * this many ms (default 2), or per event-loop turn with 0. A window adds at most that to the
   * time until an ack, never to broadcasts, and puts more updates in each commit (fewer fsyncs
   * blocking the event loop). See docs/decisions/0004-group-commit.md.
   */
  readonly persistWindowMs?: number;
  /** What presence (awareness) a connection and a document may hold; see presence-limits.ts. */
  readonly presence?: Partial<PresenceLimits>;
  /**
   * Period of the anti-entropy tick (default 2000 ms): each active document's digest goes on the
   * fanout, and while the fanout is unhealthy every loaded document is reread from storage.
   */
  readonly antiEntropyMs?: number;
  readonly antiEntropy?: Partial<AntiEntropyPolicy>;
  /**
   * How long a document loaded for an HTTP read stays loaded after the last read (default 2000 ms):
   * a burst of reads then loads it once and encodes each view once per version.
   */
  readonly readLingerMs?: number;
}

/** What the transport adapter calls for one connection. */
export interface ConnectionHandle {
  /** One incoming WebSocket message: bytes for a binary frame, a string for a text frame. */
  receive(data: Uint8Array | string): void;
  /** The socket closed (by the peer or after our close). */
  closed(): void;
}

export interface RelayCore {
  readonly metrics: RelayMetrics;
  /** Attaches a socket to the document named in `context`. Never throws: refusals close the socket. */
  connect(context: ConnectionContext, socket: RelaySocket, meter?: FrameMeter): ConnectionHandle;
  /** Loads the document if needed and runs `read` on it (synchronously, do not keep `doc`). */
  readDoc<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T>;
  /**
   * Like `readDoc`, but the result is kept while the document does not change: `encode` runs once
   * per document version and `view`, however many requests read it (do not mutate the result).
   */
  readCached<T>(docName: string, view: string, encode: (doc: Y.Doc) => T, key?: string): Promise<T>;
  /** Loads the document if needed; its size as the doc limit counts it, and that limit. */
  docSize(docName: string): Promise<{ readonly docBytes: number; readonly maxDocBytes: number }>;
  /**
   * Checks and applies an update by `userId` (undefined in open mode: authorship is not checked);
   * resolves 'durable' once stored, 'pending' when deps are missing.
   */
  applyUpdate(docName: string, update: Uint8Array, userId?: string): Promise<'durable' | 'pending'>;
  /**
   * Who owns each Yjs client id of the document (the user whose connection first wrote under it;
   * recorded only with auth on), as the store holds it.
   */
  clientOwners(docName: string): Promise<ReadonlyMap<number, string>>;
  isLoaded(docName: string): boolean;
  loadedDocs(): number;
  /** The fanout's health; undefined without a fanout. */
  fanoutHealth(): FanoutHealth | undefined;
  /** Whether the store takes writes: its last writes and a write check (at most one a second). */
  storeStatus(): Promise<StoreStatus>;
  /** Stops accepting, writes everything, closes every socket with 1001. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { maxRows: 500, maxBytes: 8 * 1024 * 1024 };
export const DEFAULT_MAX_PENDING_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_PENDING_STRUCTS = 10_000;
export const DEFAULT_MAX_PENDING_DELETES = 10_000;
export const DEFAULT_MAX_LOADED_DOCS = 10_000;
export const DEFAULT_MAX_DOC_BYTES = 64 * 1024 * 1024;
export const DEFAULT_PERSIST_WINDOW_MS = 2;
export const DEFAULT_ANTI_ENTROPY_MS = 2000;
export const DEFAULT_MAX_DOC_STRUCTS = 500_000;
export const DEFAULT_MAX_CONFLICT_STEPS = 1_000_000;
export const DEFAULT_CONFLICT_STEPS_PER_SECOND = 250_000;
export const DEFAULT_READ_LINGER_MS = 2000;
/** The longest delay setTimeout takes (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The relay without any transport: rooms, sync, persistence and acks. No hono, no node:*. */
export function createRelayCore(options: RelayCoreOptions): RelayCore {
  const maxDocBytes = options.maxDocBytes ?? DEFAULT_MAX_DOC_BYTES;
  const maxLoadedDocs = options.maxLoadedDocs ?? DEFAULT_MAX_LOADED_DOCS;
  const metrics = options.metrics ?? createRelayMetrics();
  const logger = options.logger ?? createSilentLogger();
  const storeHealth = createStoreHealth({ store: options.store, metrics });
  const writeQueue = createWriteQueue({
    store: options.store,
    metrics,
    health: storeHealth,
    windowMs: options.persistWindowMs ?? DEFAULT_PERSIST_WINDOW_MS,
  });
  const instanceId = options.instanceId ?? globalThis.crypto.randomUUID();
  const monitor = options.fanout === undefined ? undefined : monitorFanout(options.fanout, metrics, logger, instanceId);
  const registry = createRoomRegistry({
    store: options.store,
    writeQueue,
    metrics,
    logger,
    fanout: monitor?.fanout,
    instanceId,
    antiEntropy: { ...DEFAULT_ANTI_ENTROPY, ...options.antiEntropy },
    compaction: { ...DEFAULT_COMPACTION, ...options.compaction },
    pendingLimits: {
      maxBytes: options.maxPendingBytesPerDoc ?? DEFAULT_MAX_PENDING_BYTES,
      maxStructs: options.maxPendingStructsPerDoc ?? DEFAULT_MAX_PENDING_STRUCTS,
      maxDeletes: options.maxPendingDeletesPerDoc ?? DEFAULT_MAX_PENDING_DELETES,
    },
    maxLoadedDocs,
    maxDocBytes,
    maxDocStructs: options.maxDocStructs ?? DEFAULT_MAX_DOC_STRUCTS,
    conflictLimits: {
      maxSteps: options.maxConflictSteps ?? DEFAULT_MAX_CONFLICT_STEPS,
      stepsPerSecond: options.conflictStepsPerSecond ?? DEFAULT_CONFLICT_STEPS_PER_SECOND,
    },
    presenceLimits: { ...DEFAULT_PRESENCE_LIMITS, ...options.presence },
  });
  // A quarter of the loaded-document limit at most (64): reads of many documents never fill it.
  const linger = createReadLinger(
    options.readLingerMs ?? DEFAULT_READ_LINGER_MS,
    Math.min(64, Math.floor(maxLoadedDocs / 4)),
  );
  let nextId = 1;
  let closing: Promise<void> | undefined;
  // The fanout may have lost messages (a reconnect, a gap): every loaded document heals from storage.
  const stopResync = options.fanout?.onResync((cause) => {
    const rooms = registry.rooms();
    logger.info({ docs: rooms.length, cause }, 'fanout resync');
    for (const room of rooms) void room.resync(cause);
  });
  // Another relay died or left: its presence states go at once, not after the awareness timeout.
  const stopPeers = options.fanout?.trackPeers?.(instanceId, (origin) => {
    metrics.peersGone.inc();
    logger.info({ origin }, 'relay gone');
    for (const room of registry.rooms()) room.peerGone(origin);
  });
  // Only with a fanout: a single instance has nothing to compare with.
  const antiEntropy =
    monitor === undefined
      ? undefined
      : setInterval(() => {
          const unhealthy = monitor?.health().state === 'unhealthy';
          for (const room of registry.rooms()) {
            if (room.state() !== 'ready') continue;
            // Nothing may arrive from other relays now: read what they stored instead.
            if (unhealthy) void room.resync('fanout_unhealthy');
            else room.tick();
          }
        }, options.antiEntropyMs ?? DEFAULT_ANTI_ENTROPY_MS);

  const refuse = (connection: Connection, code: number, reason: string, message: string): void => {
    metrics.refusals.inc({ reason });
    logger.info({ doc: connection.context.docName, connection: connection.id, reason }, 'connection refused');
    connection.close(code, message);
  };

  /** The protocol checks of every incoming frame: binary, decodable, and a client-to-relay type (else 4400). */
  const decode = (connection: Connection, data: Uint8Array | string): ClientFrame | undefined => {
    if (typeof data === 'string')
      return void refuse(connection, CloseCode.BadRequest, 'text_frame', 'binary frames only');
    let frame: Frame;
    try {
      frame = decodeFrame(data);
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      return void refuse(connection, CloseCode.BadRequest, 'bad_frame', error.code);
    }
    if (isFromClient(frame)) return frame;
    return void refuse(connection, CloseCode.BadRequest, 'server_only_message', `unexpected ${frame.type} frame`);
  };

  /** Then the limits (sizes and rates) of the connection's meter. */
  const charge = (connection: Connection, frame: ClientFrame, byteLength: number): boolean => {
    const payloadLength = frame.type === 'awareness' ? frame.update.byteLength : 0;
    const refusal = connection.meter?.charge({ byteLength, type: frame.type, payloadLength });
    if (refusal !== undefined) refuse(connection, refusal.code, refusal.reason, refusal.message ?? refusal.reason);
    return refusal === undefined;
  };

  /** A socket outlives no token: at `exp` it is closed with 4401 (the client refreshes and reconnects). */
  const closeAtExpiry = (connection: Connection): void => {
    const expiresAt = connection.context.expiresAt;
    if (expiresAt === undefined) return;
    connection.expiry = setTimeout(
      () => {
        if (Date.now() < expiresAt) return closeAtExpiry(connection); // past setTimeout's range
        refuse(connection, CloseCode.Unauthenticated, 'token_expired', 'token expired');
      },
      Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS),
    );
  };

  const release = (connection: Connection): void => {
    clearTimeout(connection.expiry);
    connection.expiry = undefined;
    metrics.connections.dec();
    connection.context.release?.();
  };

  /** Shared by every connection (no closures per connection: an idle relay holds many). */
  const host: ConnectionHost = {
    metrics,
    receive(connection, data) {
      const room = connection.room;
      if (room === undefined || !connection.open()) return;
      const byteLength = typeof data === 'string' ? data.length : data.byteLength;
      metrics.messagesIn.inc();
      metrics.bytesIn.inc(undefined, byteLength);
      try {
        const frame = decode(connection, data);
        if (frame === undefined || !charge(connection, frame, byteLength)) return;
        room.receive(connection, frame);
      } catch (error) {
        // A bug must cost one connection, never the process: the transport calls this from an event.
        logger.error(
          { doc: connection.context.docName, connection: connection.id, ...errorFields(error) },
          'frame handler failed',
        );
        refuse(connection, CloseCode.Internal, 'internal', 'internal error');
      }
    },
    closed(connection) {
      const room = connection.room;
      // A connection refused at connect() was released there and never joined.
      if (room === undefined) return;
      connection.room = undefined;
      try {
        room.leave(connection);
      } catch (error) {
        // Called from the socket's close event: whatever a leave throws must not escape to the process.
        logger.error(
          { doc: connection.context.docName, connection: connection.id, ...errorFields(error) },
          'leave failed',
        );
      } finally {
        release(connection);
      }
      logger.debug({ doc: connection.context.docName, connection: connection.id }, 'connection closed');
    },
  };

  const connect = (context: ConnectionContext, socket: RelaySocket, meter?: FrameMeter): ConnectionHandle => {
    const connection = createConnection(nextId++, context, socket, meter, host);
    metrics.connections.inc();
    if (closing !== undefined) {
      connection.close(CloseCode.GoingAway, 'server shutting down');
      release(connection);
      return connection;
    }
    let room;
    try {
      room = registry.open(context.docName);
    } catch (error) {
      if (!isRelayError(error)) throw error;
      refuse(connection, 1013, error.code, 'too many documents loaded, try again later');
      release(connection);
      return connection;
    }
    connection.room = room;
    try {
      room.join(connection);
    } catch (error) {
      // Called from the upgrade: a join that throws costs this connection (1011), never leaks it.
      logger.error({ doc: context.docName, connection: connection.id, ...errorFields(error) }, 'join failed');
      refuse(connection, CloseCode.Internal, 'internal', 'internal error');
      host.closed(connection);
      return connection;
    }
    closeAtExpiry(connection);
    logger.debug({ doc: context.docName, connection: connection.id, user: context.userId }, 'connection opened');
    return connection;
  };

  const withLease = async <T>(
    docName: string,
    use: (room: ReturnType<typeof registry.open>) => Promise<T>,
    lingers = false,
  ): Promise<T> => {
    if (closing !== undefined) throw new RelayError('shutting_down', 'the relay is shutting down');
    const room = registry.open(docName);
    const release = room.lease();
    try {
      await room.loaded;
      return await use(room);
    } finally {
      if (lingers && closing === undefined && room.state() === 'ready') linger.hold(room);
      release();
    }
  };

  return {
    metrics,
    connect,
    readDoc: (docName, read) => withLease(docName, async (room) => read(room.doc), true),
    readCached: (docName, view, encode, key) =>
      withLease(docName, async (room) => room.readCached(view, encode, key), true),
    docSize: (docName) => withLease(docName, async (room) => ({ docBytes: room.bytes(), maxDocBytes })),
    applyUpdate: (docName, update, userId) => withLease(docName, (room) => room.applyUpdate(update, userId)),
    async clientOwners(docName) {
      if (closing !== undefined) throw new RelayError('shutting_down', 'the relay is shutting down');
      try {
        return await options.store.loadClientOwners(docName);
      } catch (error) {
        throw new RelayError('storage_failed', 'could not read the client id owners', { cause: error });
      }
    },
    isLoaded: (docName) => registry.has(docName),
    loadedDocs: () => registry.size(),
    fanoutHealth: () => monitor?.health(),
    storeStatus: () => storeHealth.check(),
    close() {
      closing ??= (async () => {
        stopResync?.();
        stopPeers?.();
        clearInterval(antiEntropy);
        monitor?.close();
        linger.close();
        const rooms = registry.rooms();
        await Promise.all(rooms.map((room) => room.shutdown(CloseCode.GoingAway, 'server shutting down')));
        await registry.whenEmpty();
        await writeQueue.close();
      })().catch((error: unknown) => logger.error(errorFields(error), 'shutdown failed'));
      return closing;
    },
  };
}
