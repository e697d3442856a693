import * as Y from 'yjs';
import { CloseCode, encodeDurableAck, encodePermissionDenied, encodeSyncUpdate } from '@marginalia/protocol';
import type { DocumentStore, StoredUpdate } from '../ports/document-store.js';
import {
  checkUpdate,
  hasPending,
  pendingBytes,
  structCount,
  type UpdateCheck,
  type UpdateRefusal,
} from './check-update.js';
import type { ClientOwners } from './client-owners.js';
import { createConflictBudget, type ConflictLimits, type ConflictRefusal } from './conflict-budget.js';
import type { Connection } from './connection.js';
import { errorFields, type Logger } from './logger.js';
import { createOwnerGate } from './owner-gate.js';
import { createPendingBudget, type PendingBreach, type PendingLimits } from './pending-budget.js';
import { createPersister, type CompactionPolicy } from './persister.js';
import type { RelayMetrics } from './relay-metrics.js';
import { RelayError } from './relay-error.js';
import { encodeIntegratedState } from './integrated-state.js';
import { docCovers, noteMessage, resolveMessages, type UpdateReach } from './update-reach.js';
import type { WriteQueue } from './write-queue.js';

/**
 * Who an update came from: a connection, an HTTP request, another relay instance (`fanout`), or
 * the store (`storage`, when healing after the fanout may have lost messages). What comes from
 * `fanout` or `storage` is already stored: it is broadcast locally but never stored or published again.
 */
export type UpdateOrigin = Connection | 'http' | 'fanout' | 'storage';

const alreadyStored = (origin: UpdateOrigin): boolean => origin === 'fanout' || origin === 'storage';

export interface DocSyncOptions {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly store: DocumentStore;
  readonly writeQueue: WriteQueue;
  readonly metrics: RelayMetrics;
  readonly logger: Logger;
  readonly compaction: CompactionPolicy;
  /** What the document may hold pending (missing dependencies): bytes, structs, deletion ranges. */
  readonly pendingLimits: PendingLimits;
  readonly maxDocBytes: number;
  /** Structs (items, GC ranges) a loaded document may hold: past it, updates are refused (4413 / 413). */
  readonly maxDocStructs: number;
  /** What concurrent inserts may cost (Yjs' conflict resolution): 4413 / 413 per update, 4429 / 429 per second. */
  readonly conflictLimits: ConflictLimits;
  readonly loadedRows: readonly StoredUpdate[];
  /** Who owns the document's client ids (checked for connections and requests with a user). */
  readonly owners: ClientOwners;
  readonly connections: ReadonlySet<Connection>;
  /** False once the document failed or closed. */
  ready(): boolean;
  broadcast(frame: Uint8Array, except?: Connection): void;
  /** Publishes an update on the fanout; called only once the update is committed to the store. */
  publish(update: Uint8Array): void;
  refuse(connection: Connection, code: number, reason: string, message: string): void;
  fail(reason: string, error: unknown): void;
}

export interface DocSync {
  /** A sync step 2 or sync update from a connection. */
  receiveUpdate(connection: Connection, update: Uint8Array): void;
  /**
   * Applies checked or trusted bytes to the live doc; false when the doc had to be failed. `reach`
   * (from the check) lets a connection's message count as pending until the doc holds all of it.
   */
  integrate(update: Uint8Array, origin: UpdateOrigin, reach?: UpdateReach): boolean;
  /**
   * Applies stored rows (all of a document's log) in one transaction and broadcasts what the doc
   * lacked; what it already had changes nothing. False when the doc had to be failed.
   */
  integrateStored(updates: readonly Uint8Array[]): boolean;
  /** An update from HTTP, by `userId` (undefined in open mode). */
  applyHttpUpdate(update: Uint8Array, userId: string | undefined): Promise<'durable' | 'pending'>;
  /** The document's size as the doc limit counts it (stored bytes since the last compaction, plus queued). */
  bytes(): number;
  whenIdle(): Promise<void>;
}

type AckMark = Map<Connection, number>;

const SOCKET_REFUSAL: Record<UpdateRefusal, readonly [number, string]> = {
  bad_update: [CloseCode.BadRequest, 'malformed update'],
  subdocument: [CloseCode.BadRequest, 'subdocuments are not accepted'],
  too_many_items: [CloseCode.TooLarge, 'document holds too many items'],
};

const CONFLICT_REFUSAL: Record<ConflictRefusal, readonly [number, string]> = {
  concurrent_inserts: [CloseCode.TooLarge, 'too many concurrent inserts at one position'],
  concurrent_insert_rate: [CloseCode.RateLimited, 'concurrent inserts at one position too fast'],
};

/** A document limit an update breaks: close code, refusal reason (also the HTTP error), message. */
type LimitRefusal = readonly [number, 'doc_too_large' | 'doc_too_many_items' | ConflictRefusal, string];

/**
 * The write path of one loaded document: check, integrate, broadcast, persist in batches, then
 * acknowledge. Only what the doc emits in its `update` event (integrated content) is stored and
 * broadcast; a connection's ack never covers a message whose content Yjs still holds pending.
 */
export function createDocSync(options: DocSyncOptions): DocSync {
  const { doc, connections } = options;
  let captured: Uint8Array[] | undefined;

  const persister = createPersister<AckMark>({
    docName: options.docName,
    store: options.store,
    queue: options.writeQueue,
    metrics: options.metrics,
    compaction: options.compaction,
    loadedRows: options.loadedRows,
    cut: () => {
      const mark: AckMark = new Map();
      for (const c of connections) if (c.context.wantsAcks && c.cleanCount > c.ackedCount) mark.set(c, c.cleanCount);
      return mark;
    },
    committed: (mark) => {
      for (const [connection, count] of mark) {
        if (count <= connection.ackedCount) continue;
        connection.ackedCount = count;
        connection.send(encodeDurableAck(count));
      }
    },
    // Other instances learn of an update only once it is durable: a message lost on the way is
    // then always found in the store when they heal (see decision 0003).
    stored: (updates) => updates.forEach((update) => options.publish(update)),
    snapshot: () => encodeIntegratedState(doc),
    failed: (error) => options.fail('storage failed', error),
    compactionFailed: (error) => {
      options.logger.warn({ doc: options.docName, ...errorFields(error) }, 'compaction failed');
    },
  });

  doc.on('update', (update: Uint8Array) => {
    if (captured !== undefined) captured.push(update);
    else options.logger.warn({ doc: options.docName }, 'unexpected doc update outside integrate');
  });

  const pending = createPendingBudget(doc, options.pendingLimits);
  const conflicts = createConflictBudget(doc, options.conflictLimits);
  /** The bound the last integration passed (its pending content was dropped), for the HTTP answer. */
  let lastBreach: PendingBreach | undefined;

  const integrate = (update: Uint8Array, origin: UpdateOrigin, reach?: UpdateReach): boolean =>
    integrateWith(() => Y.applyUpdate(doc, update, origin), origin, reach);

  const integrateWith = (apply: () => void, origin: UpdateOrigin, reach?: UpdateReach): boolean => {
    const hadPending = hasPending(doc);
    const emitted: Uint8Array[] = [];
    captured = emitted;
    try {
      pending.integrate(apply, origin);
    } catch (error) {
      // The live doc may now hold part of the update: drop it and reload from storage. The sender
      // is told its update was bad; the others get 1011 and resync against the reloaded doc.
      captured = undefined;
      if (typeof origin !== 'string')
        options.refuse(origin, CloseCode.BadRequest, 'bad_update', 'update failed to integrate');
      options.fail('update failed to integrate', error);
      return false;
    }
    captured = undefined;
    // Without earlier pending content, what the doc emits is part of the sender's own update.
    const except = hadPending || typeof origin === 'string' ? undefined : origin;
    for (const integrated of emitted) {
      options.broadcast(encodeSyncUpdate(integrated), except);
      if (!alreadyStored(origin)) persister.enqueue(integrated);
    }
    if (typeof origin !== 'string' && reach !== undefined) noteMessage(doc, origin, reach);
    resolveMessages(doc, connections);
    const breach = hasPending(doc) ? pending.breach() : undefined;
    if (breach !== undefined) dropPending(origin, breach);
    showPending();
    return true;
  };

  /** `marginalia_pending_update_bytes{doc}`: present only while the document holds some. */
  let shownPending = 0;
  const showPending = (): void => {
    const bytes = hasPending(doc) ? pendingBytes(doc) : 0;
    if (bytes === shownPending) return;
    shownPending = bytes;
    if (bytes > 0) options.metrics.pendingBytes.set(bytes, { doc: options.docName });
    else options.metrics.pendingBytes.remove({ doc: options.docName });
  };

  /** Over budget: forget all pending content and every connection that might have sent some. */
  const dropPending = (origin: UpdateOrigin, breach: PendingBreach): void => {
    pending.clear();
    lastBreach = breach;
    if (origin !== 'http') options.metrics.refusals.inc({ reason: breach }); // HTTP counts its 413
    options.logger.warn(
      { doc: options.docName, reason: breach, limits: options.pendingLimits },
      'pending budget exceeded',
    );
    for (const c of connections) {
      if (c === origin) c.close(CloseCode.TooLarge, 'too many updates with missing dependencies');
      else if (c.cleanCount < c.updateCount) c.close(CloseCode.Internal, 'pending updates dropped, resync');
    }
  };

  /** Whether the update's new structs would pass the document's budget (its memory cost grows with them, not with bytes). */
  const tooManyStructs = (check: { newStructs(doc: Y.Doc): number }): boolean =>
    structCount(doc) + check.newStructs(doc) > options.maxDocStructs;
  const tooLarge = (update: Uint8Array): boolean => persister.bytes() + update.byteLength > options.maxDocBytes;

  const gate = createOwnerGate({
    doc,
    owners: options.owners,
    ready: options.ready,
    refuseForeign(connection, foreign) {
      options.logger.info(
        { doc: options.docName, user: connection.context.userId, clientId: foreign.clientId, owner: foreign.owner },
        "update under a client id that is not the user's",
      );
      options.refuse(
        connection,
        CloseCode.Forbidden,
        'foreign_client_id',
        'writes under a client id that is not yours',
      );
    },
    claimFailed(connection, error) {
      options.logger.warn({ doc: options.docName, ...errorFields(error) }, 'client id claim failed');
      options.refuse(connection, CloseCode.Internal, 'claim_failed', 'could not record the client id owner');
    },
  });

  /**
   * The document limit an update breaks as the document is now (nothing charged), or undefined.
   * Checked before a fresh client id is claimed, so a refused update leaves no claim behind, and
   * again when the update is integrated (a claim takes time; the document moves meanwhile).
   */
  const limitRefusal = (update: Uint8Array, check: Extract<UpdateCheck, { ok: true }>): LimitRefusal | undefined => {
    if (tooLarge(update)) return [CloseCode.TooLarge, 'doc_too_large', 'document too large'];
    if (tooManyStructs(check)) return [CloseCode.TooLarge, 'doc_too_many_items', 'document holds too many items'];
    const conflict = conflicts.assess(check.structs);
    return conflict === undefined
      ? undefined
      : [CONFLICT_REFUSAL[conflict][0], conflict, CONFLICT_REFUSAL[conflict][1]];
  };

  const refuseConflict = (connection: Connection, conflict: ConflictRefusal): void => {
    options.logger.info({ doc: options.docName, reason: conflict }, 'update refused: concurrent inserts');
    const [code, message] = CONFLICT_REFUSAL[conflict];
    options.refuse(connection, code, conflict, message);
  };

  /** A connection's update that passed every check but the limits, which hold at integration time. */
  const accept = (connection: Connection, update: Uint8Array, check: Extract<UpdateCheck, { ok: true }>): void => {
    if (tooLarge(update)) return options.refuse(connection, CloseCode.TooLarge, 'doc_too_large', 'document too large');
    if (tooManyStructs(check))
      return options.refuse(connection, CloseCode.TooLarge, 'doc_too_many_items', 'document holds too many items');
    const conflict = conflicts.charge(check.structs);
    if (conflict !== undefined) return refuseConflict(connection, conflict);
    connection.updateCount += 1;
    if (integrate(update, connection, check.reach) && connection.context.wantsAcks) persister.schedule();
  };

  return {
    integrate,
    integrateStored: (updates) =>
      integrateWith(
        () => Y.transact(doc, () => updates.forEach((update) => Y.applyUpdate(doc, update)), 'storage'),
        'storage',
      ),
    receiveUpdate(connection, update) {
      const check = checkUpdate(update, options.maxDocStructs);
      if (!check.ok) {
        options.logger.debug({ doc: options.docName, problem: check.problem }, 'bad update');
        const [code, message] = SOCKET_REFUSAL[check.refusal];
        return options.refuse(
          connection,
          code,
          check.refusal === 'too_many_items' ? 'doc_too_many_items' : check.refusal,
          message,
        );
      }
      if (!connection.context.canWrite) {
        if (check.empty) return;
        options.metrics.refusals.inc({ reason: 'read_only' });
        connection.send(encodePermissionDenied('read-only connection: update refused'));
        return;
      }
      gate.pass(
        connection,
        check.writes,
        () => accept(connection, update, check),
        () => {
          const refusal = limitRefusal(update, check);
          if (refusal !== undefined) options.refuse(connection, ...refusal);
          return refusal !== undefined;
        },
      );
    },
    async applyHttpUpdate(update, userId) {
      const check = checkUpdate(update, options.maxDocStructs);
      if (!check.ok)
        throw new RelayError(check.refusal === 'too_many_items' ? 'doc_too_many_items' : check.refusal, check.problem);
      await gate.check(userId, check.writes, () => {
        const refusal = limitRefusal(update, check);
        if (refusal !== undefined) throw new RelayError(refusal[1], refusal[2]);
      });
      if (tooManyStructs(check)) throw new RelayError('doc_too_many_items', 'the document would hold too many items');
      if (tooLarge(update)) throw new RelayError('doc_too_large', 'the document would exceed its size limit');
      const conflict = conflicts.charge(check.structs);
      if (conflict !== undefined) throw new RelayError(conflict, CONFLICT_REFUSAL[conflict][1]);
      lastBreach = undefined;
      if (!integrate(update, 'http')) throw new RelayError('document_failed', 'the update could not be integrated');
      if (lastBreach !== undefined)
        throw new RelayError(lastBreach, 'too much content with missing dependencies: all of it was dropped');
      if (!docCovers(doc, check.reach)) return 'pending';
      try {
        await persister.flush();
      } catch (error) {
        throw new RelayError('storage_failed', 'the update could not be stored', { cause: error });
      }
      return 'durable';
    },
    bytes: () => persister.bytes(),
    async whenIdle() {
      await gate.whenIdle();
      await persister.whenIdle();
    },
  };
}
