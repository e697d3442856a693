import type { AppendBatchEntry, DocumentStore } from '../ports/document-store.js';
import type { RelayMetrics } from './relay-metrics.js';
import { RelayError } from './relay-error.js';

/** One document's side of the queue (its persister). */
export interface WriteSource {
  readonly docName: string;
  /** Called when a flush starts: cuts this document's batch now (it may be empty). */
  take(): readonly Uint8Array[];
  /** The batch of the last `take` is durable under `ids` (in order; `[]` for an empty batch). */
  committed(ids: readonly number[]): void;
  /** The batch of the last `take` could not be written (nothing of it was acknowledged). */
  failed(error: unknown): void;
}

export interface WriteQueueOptions {
  readonly store: DocumentStore;
  readonly metrics: RelayMetrics;
  /**
   * How long the first request waits for others before the flush: 0 (the default here; the relay
   * passes DEFAULT_PERSIST_WINDOW_MS) flushes at the end of the event-loop turn. A larger window groups more updates into one commit and adds at most
   * that much to the time until an ack, never to broadcasts.
   */
  readonly windowMs?: number;
  /** Told whether each commit worked (what /readyz reports). */
  readonly health?: { wrote(): void; writeFailed(error: unknown): void };
}

export interface WriteQueue {
  /** Has `source` taken by the next flush (once, however often it asks before that flush). */
  request(source: WriteSource): void;
  /** Resolves when nothing is requested or being written. */
  whenIdle(): Promise<void>;
  /** Writes what was requested, then fails every later request with 'shutting_down'. */
  close(): Promise<void>;
}

interface Taken {
  readonly source: WriteSource;
  readonly updates: readonly Uint8Array[];
}

type Outcome = { readonly ids: readonly number[] } | { readonly error: unknown };

const nextTurn = (run: () => void): void => {
  if (typeof setImmediate === 'function') setImmediate(run);
  else setTimeout(run, 0);
};

/**
 * The relay-wide write path: every document's pending updates of one turn (or window) go to the
 * store in ONE `appendBatch` (all or nothing), then every document of the batch learns the
 * outcome. Flushes are serialized: while one is being written the next collects, so a slow
 * commit groups more. Stores without `appendBatch` get one `append` per document instead.
 */
export function createWriteQueue(options: WriteQueueOptions): WriteQueue {
  const windowMs = options.windowMs ?? 0;
  if (!Number.isFinite(windowMs) || windowMs < 0)
    throw new RangeError(`windowMs must be >= 0, not ${String(windowMs)}`);
  const requested = new Set<WriteSource>();
  let scheduled = false;
  let writing = false;
  let closed = false;
  const idleWaiters: (() => void)[] = [];

  /** After a write, what was requested meanwhile has waited already: it goes at the next turn. */
  const schedule = (afterWrite: boolean): void => {
    if (scheduled || writing || requested.size === 0) return;
    scheduled = true;
    const run = (): void => void flush();
    if (windowMs === 0 || afterWrite) nextTurn(run);
    else setTimeout(run, windowMs);
  };

  const flush = async (): Promise<void> => {
    scheduled = false;
    writing = true;
    try {
      const taken = takeAll([...requested]);
      requested.clear();
      const outcomes = await write(taken.filter((entry) => entry.updates.length > 0));
      for (const { source } of taken) settle(source, outcomes.get(source) ?? { ids: [] });
    } finally {
      writing = false;
      schedule(true);
      if (!scheduled) idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  };

  const write = async (batch: readonly Taken[]): Promise<Map<WriteSource, Outcome>> => {
    const outcomes = new Map<WriteSource, Outcome>();
    if (batch.length === 0) return outcomes;
    const started = performance.now();
    const results = await commit(batch);
    options.metrics.persistSeconds.observe((performance.now() - started) / 1000);
    const failure = results.find((result) => 'error' in result);
    if (failure === undefined) options.health?.wrote();
    else options.health?.writeFailed(failure.error);
    batch.forEach((entry, i) => {
      const result = results[i]!;
      if ('ids' in result) options.metrics.updatesPersisted.inc(undefined, entry.updates.length);
      outcomes.set(entry.source, result);
    });
    return outcomes;
  };

  const commit = async (batch: readonly Taken[]): Promise<Outcome[]> => {
    const { store } = options;
    if (store.appendBatch === undefined) {
      const settled = await Promise.allSettled(batch.map((entry) => store.append(entry.source.docName, entry.updates)));
      return settled.map((result) =>
        result.status === 'fulfilled' ? { ids: result.value } : { error: result.reason },
      );
    }
    const entries: AppendBatchEntry[] = batch.map((entry) => ({
      docName: entry.source.docName,
      updates: entry.updates,
    }));
    try {
      const ids = await store.appendBatch(entries);
      checkShape(batch, ids);
      return ids.map((entryIds) => ({ ids: entryIds }));
    } catch (error) {
      return batch.map(() => ({ error }));
    }
  };

  return {
    request(source) {
      if (closed) return source.failed(new RelayError('shutting_down', 'the write queue is closed'));
      requested.add(source);
      schedule(false);
    },
    whenIdle() {
      if (!scheduled && !writing) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      await this.whenIdle();
      closed = true;
    },
  };
}

function takeAll(sources: readonly WriteSource[]): Taken[] {
  const taken: Taken[] = [];
  for (const source of sources) {
    try {
      taken.push({ source, updates: source.take() });
    } catch (error) {
      source.failed(error);
    }
  }
  return taken;
}

/** A source's callbacks are its own: one that throws fails that document, not the batch. */
function settle(source: WriteSource, outcome: Outcome): void {
  if (!('ids' in outcome)) return source.failed(outcome.error);
  try {
    source.committed(outcome.ids);
  } catch (error) {
    source.failed(error);
  }
}

/** A store that returns ids for the wrong entries must not have acks sent for what it may not hold. */
function checkShape(batch: readonly Taken[], ids: readonly (readonly number[])[]): void {
  const fits = ids.length === batch.length && batch.every((entry, i) => ids[i]!.length === entry.updates.length);
  if (!fits) throw new RelayError('storage_failed', 'appendBatch returned ids that do not match its entries');
}
