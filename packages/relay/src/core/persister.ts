import type { DocumentStore } from '../ports/document-store.js';
import type { RelayMetrics } from './relay-metrics.js';

/** When to replace the stored log by one snapshot row. */
export interface CompactionPolicy {
  /** Compact once the log has more rows than this. */
  readonly maxRows: number;
  /** Compact once the rows' bytes exceed this. */
  readonly maxBytes: number;
}

export interface PersisterOptions<Mark> {
  readonly docName: string;
  readonly store: DocumentStore;
  readonly metrics: RelayMetrics;
  readonly compaction: CompactionPolicy;
  /** The rows the document was loaded from. */
  readonly loadedRows: readonly { readonly id: number; readonly update: Uint8Array }[];
  /** Called when a batch is cut: what the batch will cover once committed (e.g. ack counts). */
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
  /** Queues an update (emitted by the doc) for the next batch, which is cut in a later turn. */
  enqueue(update: Uint8Array): void;
  /** Cuts a batch in a later turn even if nothing is queued (so that `committed` runs). */
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

/** `whenIdle` resolves on failure too: the failure itself is reported through `failed`. */
function ignoreFailure(): void {
  return undefined;
}

/**
 * Batches updates per event-loop turn into one `store.append`, serializes the batches of one
 * document, and compacts the log by policy from the document's state, naming exactly the rows it
 * merged so that rows appended meanwhile by another instance survive.
 */
export function createPersister<Mark>(options: PersisterOptions<Mark>): Persister {
  const rows = options.loadedRows.map((row) => row.id);
  let rowBytes = options.loadedRows.reduce((sum, row) => sum + row.update.byteLength, 0);
  let queue: Uint8Array[] = [];
  let queuedBytes = 0;
  let waiters: Waiter[] = [];
  let failure: unknown;
  let scheduled = false;
  let inFlight = 0;
  let chain: Promise<void> = Promise.resolve();
  let broken = false;

  const write = async (batch: Uint8Array[], mark: Mark, done: Waiter[]): Promise<void> => {
    if (broken) return done.forEach((waiter) => waiter.reject(failure));
    try {
      if (batch.length > 0) {
        const started = performance.now();
        const ids = await options.store.append(options.docName, batch);
        options.metrics.persistSeconds.observe((performance.now() - started) / 1000);
        options.metrics.updatesPersisted.inc(undefined, batch.length);
        rows.push(...ids);
        rowBytes += batch.reduce((sum, update) => sum + update.byteLength, 0);
        options.stored?.(batch);
      }
      options.committed(mark);
      done.forEach((waiter) => waiter.resolve());
      if (rows.length > options.compaction.maxRows || rowBytes > options.compaction.maxBytes) await compact();
    } catch (error) {
      broken = true;
      failure = error;
      done.forEach((waiter) => waiter.reject(error));
      options.failed(error);
    }
  };

  const compact = async (): Promise<void> => {
    const snapshot = options.snapshot();
    const merged = rows.splice(0, rows.length);
    try {
      const id = await options.store.compact(options.docName, snapshot, merged);
      rows.unshift(id);
      rowBytes = snapshot.byteLength;
      options.metrics.compactions.inc();
    } catch (error) {
      rows.unshift(...merged);
      options.compactionFailed(error);
    }
  };

  const cut = (): void => {
    scheduled = false;
    const batch = queue;
    const done = waiters;
    queue = [];
    queuedBytes = 0;
    waiters = [];
    const mark = options.cut();
    inFlight += 1;
    chain = chain.then(() => write(batch, mark, done)).finally(() => {
      inFlight -= 1;
    });
  };

  const schedule = (): void => {
    if (scheduled || broken) return;
    scheduled = true;
    setTimeout(cut, 0);
  };

  return {
    enqueue(update) {
      queue.push(update);
      queuedBytes += update.byteLength;
      schedule();
    },
    schedule,
    bytes: () => rowBytes + queuedBytes,
    flush() {
      if (broken) return Promise.reject(failure);
      return new Promise<void>((resolve, reject) => {
        waiters.push({ resolve, reject });
        schedule();
      });
    },
    idle: () => broken || (!scheduled && inFlight === 0 && queue.length === 0),
    async whenIdle() {
      while (!broken && (scheduled || inFlight > 0 || queue.length > 0)) {
        if (scheduled) await this.flush().catch(ignoreFailure);
        else await chain;
      }
    },
  };
}
