import type { DocumentStore } from '../ports/document-store.js';
import type { RelayMetrics } from './relay-metrics.js';
import type { WriteQueue, WriteSource } from './write-queue.js';

/** When to replace the stored log by one snapshot row. */
export interface CompactionPolicy {
  /** Compact once the log has more rows than this. */
  readonly maxRows: number;
  /** Compact once the rows' bytes exceed this. */
  readonly maxBytes: number;
}

export interface PersisterOptions<Mark> {
  readonly docName: string;
  /** For compaction; appends go through `queue`. */
  readonly store: DocumentStore;
  /** The relay-wide write queue that commits this document's batches with the others'. */
  readonly queue: WriteQueue;
  readonly metrics: RelayMetrics;
  readonly compaction: CompactionPolicy;
  /** The rows the document was loaded from. */
  readonly loadedRows: readonly { readonly id: number; readonly update: Uint8Array }[];
  /** Called when the queue cuts the batch: what it will cover once committed (e.g. ack counts). */
  cut(): Mark;
  /** Called after a batch committed, in batch order. */
  committed(mark: Mark): void;
  /** Called with the updates of each non-empty batch once committed (before `committed`). */
  stored?(updates: readonly Uint8Array[]): void;
  /** The document's current full state, for compaction. */
  snapshot(): Uint8Array;
  /** Called once when an append fails; the persister accepts nothing afterwards. */
  failed(error: unknown): void;
  /** Called when a compaction fails (not fatal: the store keeps the rows, it retries later). */
  compactionFailed(error: unknown): void;
}

export interface Persister {
  /** Queues an update (emitted by the doc) for the queue's next flush, which runs in a later turn. */
  enqueue(update: Uint8Array): void;
  /** Has the next flush cut a batch even if nothing is queued (so that `committed` runs). */
  schedule(): void;
  /**
   * Resolves when everything queued so far is committed (and its `committed` hook ran); rejects
   * with the store's error when that batch could not be written.
   */
  flush(): Promise<void>;
  /** Bytes stored since the last compaction plus bytes queued: an upper bound of the doc's size. */
  bytes(): number;
  /** True when nothing is queued or being written. */
  idle(): boolean;
  /** Resolves when idle (or failed). */
  whenIdle(): Promise<void>;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

interface Batch<Mark> {
  readonly updates: readonly Uint8Array[];
  readonly bytes: number;
  readonly mark: Mark;
  readonly done: Waiter[];
}

/**
 * One document's side of the write queue: holds its updates until the queue's next flush cuts
 * them (with the mark of what they cover), reports the commit, and compacts the log by policy
 * from the document's state, naming exactly the rows it merged so that rows appended meanwhile
 * (by this relay or another instance) survive. The queue's flushes are serialized, so a batch
 * of this document is never cut before the previous one has settled.
 */
export function createPersister<Mark>(options: PersisterOptions<Mark>): Persister {
  const rows = options.loadedRows.map((row) => row.id);
  let rowBytes = options.loadedRows.reduce((sum, row) => sum + row.update.byteLength, 0);
  let queue: Uint8Array[] = [];
  let queuedBytes = 0;
  let waiters: Waiter[] = [];
  let writing: Batch<Mark> | undefined;
  let requested = false;
  let compacting = false;
  let broken = false;
  let failure: unknown;
  const idleWaiters: (() => void)[] = [];

  const idle = (): boolean => broken || (!requested && writing === undefined && !compacting);
  const settleIdle = (): void => {
    if (idle()) idleWaiters.splice(0).forEach((resolve) => resolve());
  };

  const source: WriteSource = {
    docName: options.docName,
    take() {
      requested = false;
      if (broken) return [];
      writing = { updates: queue, bytes: queuedBytes, mark: options.cut(), done: waiters };
      queue = [];
      queuedBytes = 0;
      waiters = [];
      return writing.updates;
    },
    committed(ids) {
      const batch = writing;
      if (batch === undefined || broken) return;
      rows.push(...ids);
      rowBytes += batch.bytes;
      if (batch.updates.length > 0) options.stored?.(batch.updates);
      options.committed(batch.mark);
      writing = undefined;
      batch.done.forEach((waiter) => waiter.resolve());
      if (rows.length > options.compaction.maxRows || rowBytes > options.compaction.maxBytes) startCompaction();
      settleIdle();
    },
    failed(error) {
      if (broken) return;
      broken = true;
      failure = error;
      const done = [...(writing?.done ?? []), ...waiters];
      writing = undefined;
      queue = [];
      waiters = [];
      done.forEach((waiter) => waiter.reject(error));
      options.failed(error);
      settleIdle();
    },
  };

  /** Runs after the queue has settled every document of the batch: their acks do not wait for it. */
  const startCompaction = (): void => {
    if (compacting) return;
    compacting = true;
    void Promise.resolve()
      .then(compact)
      .finally(() => {
        compacting = false;
        settleIdle();
      });
  };

  const compact = async (): Promise<void> => {
    const snapshot = options.snapshot();
    const merged = rows.splice(0, rows.length);
    const mergedBytes = rowBytes;
    try {
      const id = await options.store.compact(options.docName, snapshot, merged);
      rows.unshift(id);
      // Rows committed while the compaction ran are kept, and so are their bytes.
      rowBytes = rowBytes - mergedBytes + snapshot.byteLength;
      options.metrics.compactions.inc();
    } catch (error) {
      rows.unshift(...merged);
      options.compactionFailed(error);
    }
  };

  const request = (): void => {
    if (requested || broken) return;
    requested = true;
    options.queue.request(source);
  };

  return {
    enqueue(update) {
      if (broken) return;
      queue.push(update);
      queuedBytes += update.byteLength;
      request();
    },
    schedule: request,
    bytes: () => rowBytes + queuedBytes + (writing?.bytes ?? 0),
    flush() {
      if (broken) return Promise.reject(failure);
      return new Promise<void>((resolve, reject) => {
        waiters.push({ resolve, reject });
        request();
      });
    },
    idle,
    whenIdle() {
      if (idle()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
