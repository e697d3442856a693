import type { DocumentStore } from '../ports/document-store.js';
import type { RelayMetrics } from './relay-metrics.js';

/** Whether the store takes writes: `failing` since a write or a write check failed, with why. */
export type StoreStatus = { readonly state: 'writable' } | { readonly state: 'failing'; readonly reason: string };

export interface StoreHealthOptions {
  readonly store: DocumentStore;
  readonly metrics: RelayMetrics;
  /** A write check's answer is reused for this long (it is a commit: each /readyz must not cost one). */
  readonly checkIntervalMs?: number;
  /**
   * For a store without `checkWritable`: how long after a failed write a successful `ping` still
   * reports `failing` (a ping does not prove that writes work again).
   */
  readonly failureHoldMs?: number;
}

export interface StoreHealth {
  /** A write committed: the store takes writes. */
  wrote(): void;
  /** A write failed with `error`. */
  writeFailed(error: unknown): void;
  /** Checks the store (its write check, reused for `checkIntervalMs`, else its ping); concurrent calls share one check. */
  check(): Promise<StoreStatus>;
}

const WRITABLE: StoreStatus = { state: 'writable' };

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What `/readyz` and `marginalia_store_writable` say about the store: told by the relay's writes and by checks. */
export function createStoreHealth(options: StoreHealthOptions): StoreHealth {
  const checkIntervalMs = options.checkIntervalMs ?? 1000;
  const failureHoldMs = options.failureHoldMs ?? 5000;
  let status: StoreStatus = WRITABLE;
  let failedAt = Number.NEGATIVE_INFINITY;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<StoreStatus> | undefined;

  const become = (next: StoreStatus): StoreStatus => {
    status = next;
    options.metrics.storeWritable.set(next.state === 'writable' ? 1 : 0);
    return next;
  };
  become(WRITABLE);

  const probe = async (): Promise<StoreStatus> => {
    const { store } = options;
    try {
      if (store.checkWritable !== undefined) {
        await store.checkWritable();
        return become(WRITABLE);
      }
      await store.ping();
      return Date.now() - failedAt < failureHoldMs ? status : become(WRITABLE);
    } catch (error) {
      return become({ state: 'failing', reason: reasonOf(error) });
    } finally {
      checkedAt = Date.now();
      checking = undefined;
    }
  };

  return {
    wrote: () => void become(WRITABLE),
    writeFailed(error) {
      failedAt = Date.now();
      become({ state: 'failing', reason: reasonOf(error) });
    },
    check() {
      const writeCheck = options.store.checkWritable !== undefined;
      if (writeCheck && Date.now() - checkedAt < checkIntervalMs) return Promise.resolve(status);
      checking ??= probe();
      return checking;
    },
  };
}
