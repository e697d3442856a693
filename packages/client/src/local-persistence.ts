import * as Y from 'yjs';
import { ClientError } from './client-error.js';
import type { LocalStore } from './local-store.js';
import type { UnsyncedTracker } from './unsynced-tracker.js';

/** Metadata key holding how many of the user's own changes were not yet confirmed by the relay. */
export const UNSYNCED_META_KEY = 'marginalia:unsynced';
/** Metadata key holding how many local transactions (bookkeeping too) were not yet confirmed. */
export const PENDING_META_KEY = 'marginalia:pending';

export interface LocalPersistenceOptions {
  readonly doc: Y.Doc;
  readonly store: LocalStore;
  readonly tracker: UnsyncedTracker;
  /** Origin of updates applied from the store (they are not written back). */
  readonly origin: object;
  /** Merge the stored log into one row after this many appends. */
  readonly compactEvery: number;
  readonly onError: (error: ClientError) => void;
}

export interface LocalPersistence {
  /** Applies the stored document; restores the unsynced count. Never rejects (errors are reported). */
  load(): Promise<void>;
  /** Writes one update; `local` updates also record the new unsynced count in the same write. */
  persist(update: Uint8Array, local: boolean): void;
  /** Records a lower unsynced count after acks (coalesced). */
  persistCount(): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The document's local copy. The unsynced count lives in the store's metadata, written atomically with each
 * local update, so a reload never shows 0 while changes are unconfirmed. Data without that key (written by
 * y-indexeddb, or by an older version) counts as 1 unsynced change until the first sync step 2 is acked.
 */
export function createLocalPersistence(options: LocalPersistenceOptions): LocalPersistence {
  const { doc, store, tracker } = options;
  let appends = 0;
  let compacting = false;
  let loaded = false;
  let persistedCount = -1;
  const report = (error: unknown): void =>
    options.onError(
      error instanceof ClientError ? error : new ClientError('local_store_io', String(error), { cause: error }),
    );
  const offStoreErrors = store.onError(report);
  const counts = (): Record<string, number> => ({
    [UNSYNCED_META_KEY]: tracker.count,
    [PENDING_META_KEY]: tracker.pending,
  });

  const applyRows = (rows: readonly Uint8Array[]): number => {
    let corrupt = 0;
    Y.transact(
      doc,
      () => {
        for (const row of rows) {
          try {
            Y.decodeUpdate(row);
            Y.applyUpdate(doc, row, options.origin);
          } catch (cause) {
            corrupt += 1;
            options.onError(
              new ClientError('local_store_corrupt', `a stored row of ${store.name} is not a Yjs update; skipped`, {
                cause,
              }),
            );
          }
        }
      },
      options.origin,
    );
    return corrupt;
  };

  const compact = (): void => {
    compacting = true;
    appends = 0;
    store
      .compact((rows) => {
        applyRows(rows);
        return Y.encodeStateAsUpdate(doc);
      })
      .catch(report)
      .finally(() => {
        compacting = false;
      });
  };

  return {
    async load() {
      try {
        const stored = await store.load();
        applyRows(stored.updates);
        if (stored.corruptRows > 0) {
          options.onError(
            new ClientError(
              'local_store_corrupt',
              `${stored.corruptRows} stored rows of ${store.name} are not bytes; skipped`,
            ),
          );
        }
        const units = stored.meta.get(UNSYNCED_META_KEY);
        const pending = stored.meta.get(PENDING_META_KEY);
        const count = typeof units === 'number' ? units : 0;
        // Without the keys (y-indexeddb's data, an older version): one change of unknown kind, not the user's.
        const extra =
          typeof pending === 'number'
            ? pending - count
            : typeof units === 'number'
              ? 0
              : stored.updates.length > 0
                ? 1
                : 0;
        tracker.restore(count, Math.max(0, extra));
        persistedCount = typeof units === 'number' ? tracker.count * 1e9 + tracker.pending : -1;
        appends = stored.updates.length;
      } catch (error) {
        report(error);
      }
      loaded = true;
    },
    persist(update, local) {
      const meta = local ? counts() : undefined;
      if (local) persistedCount = tracker.count * 1e9 + tracker.pending;
      store.append(update, meta).catch(report);
      appends += 1;
      if (loaded && !compacting && appends >= options.compactEvery) compact();
    },
    persistCount() {
      if (tracker.count * 1e9 + tracker.pending === persistedCount) return;
      persistedCount = tracker.count * 1e9 + tracker.pending;
      store.setMeta(counts()).catch(report);
    },
    flush: () => store.flush(),
    async close() {
      offStoreErrors();
      await store.close();
    },
  };
}
