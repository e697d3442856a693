import { ClientError } from './client-error.js';
import { createEmitter } from './emitter.js';
import { deleteDatabase, openDatabase, requestResult, toStoreError, transactionDone } from './idb-request.js';
import type { IndexedDbFactory, LocalStore, LocalStoreProvider, MetaValue, StoredDoc } from './local-store.js';

export interface IndexedDbStoreOptions {
  /** Default `globalThis.indexedDB`; pass `new IDBFactory()` from fake-indexeddb in Node. */
  readonly indexedDB?: IndexedDbFactory;
  /** Prepended to the doc name to name the database. Default `'marginalia:'`; `''` reads y-indexeddb's own databases. */
  readonly prefix?: string;
}

/**
 * Local stores on IndexedDB, one database per document, in y-indexeddb's on-disk layout (`updates` with
 * auto-increment keys holding V1 updates, `custom` for key/value metadata), so data written by
 * y-indexeddb's `IndexeddbPersistence` loads here and the other way round. Unlike y-indexeddb it reports
 * when each write has committed and surfaces every failure as a typed error.
 */
export function createIndexedDbStoreProvider(options: IndexedDbStoreOptions = {}): LocalStoreProvider {
  const factory = (options.indexedDB ?? (globalThis as { indexedDB?: IndexedDbFactory }).indexedDB) as
    IDBFactory | undefined;
  if (factory === undefined) {
    throw new ClientError('local_store_io', 'no IndexedDB in this environment; pass one or use the memory store');
  }
  const prefix = options.prefix ?? 'marginalia:';
  const open = new Map<string, Set<LocalStore>>();

  return {
    kind: 'indexeddb',
    open(name) {
      const instances = open.get(name) ?? new Set<LocalStore>();
      open.set(name, instances);
      const store = openIndexedDbStore(factory, prefix + name, name, () => instances.delete(store));
      instances.add(store);
      return store;
    },
    async clear(name, onBlocked = () => undefined) {
      await Promise.all([...(open.get(name) ?? [])].map((store) => store.close()));
      await deleteDatabase(factory, prefix + name, onBlocked);
    },
  };
}

function openIndexedDbStore(factory: IDBFactory, dbName: string, name: string, onClosed: () => void): LocalStore {
  const errors = createEmitter<{ error: [ClientError] }>();
  const pending = new Set<Promise<unknown>>();
  let closed = false;
  let dbClosed = false;
  let closing: Promise<void> | undefined;
  const dbReady = openDatabase(factory, dbName, (error) => errors.emit('error', error));
  dbReady.then(
    (db) => {
      db.onversionchange = () => {
        db.close();
        dbClosed = true;
        if (closed) return;
        closed = true;
        errors.emit(
          'error',
          new ClientError('local_store_io', `${name} was deleted or upgraded elsewhere; local saving stopped`),
        );
      };
    },
    (error: ClientError) => errors.emit('error', error),
  );

  const track = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    const forget = (): void => void pending.delete(work);
    work.then(forget, forget);
    return work;
  };

  const write = (action: string, run: (tx: IDBTransaction) => void, stores: string[]): Promise<void> => {
    if (closed) return Promise.reject(new ClientError('closed', `${action} after close of ${name}`));
    return track(
      dbReady.then((db) => {
        if (dbClosed) throw new ClientError('closed', `${action} after ${name} was closed elsewhere`);
        let tx: IDBTransaction;
        try {
          tx = db.transaction(stores, 'readwrite');
          const done = transactionDone(tx, action);
          run(tx);
          return done;
        } catch (cause) {
          throw toStoreError(cause, action);
        }
      }),
    );
  };

  const putMeta = (tx: IDBTransaction, meta: Readonly<Record<string, MetaValue>>): void => {
    const custom = tx.objectStore('custom');
    for (const [key, value] of Object.entries(meta)) custom.put(value, key);
  };

  return {
    name,
    async load() {
      if (closed) throw new ClientError('closed', `load after close of ${name}`);
      const db = await dbReady;
      try {
        const tx = db.transaction(['updates', 'custom'], 'readonly');
        const rows = requestResult(tx.objectStore('updates').getAll(), 'load');
        const keys = requestResult(tx.objectStore('custom').getAllKeys(), 'load');
        const values = requestResult(tx.objectStore('custom').getAll(), 'load');
        return toStoredDoc(await rows, await keys, await values);
      } catch (cause) {
        throw toStoreError(cause, 'load');
      }
    },
    append(update, meta) {
      return write(
        'append',
        (tx) => {
          tx.objectStore('updates').add(update);
          if (meta !== undefined) putMeta(tx, meta);
        },
        meta === undefined ? ['updates'] : ['updates', 'custom'],
      );
    },
    setMeta(entries) {
      return write('setMeta', (tx) => putMeta(tx, entries), ['custom']);
    },
    compact(merge) {
      let mergeError: unknown;
      const run = (tx: IDBTransaction): void => {
        const updates = tx.objectStore('updates');
        const request = updates.getAll();
        request.onsuccess = () => {
          const rows = (request.result as unknown[]).flatMap((row) => toBytes(row) ?? []);
          try {
            const merged = merge(rows);
            updates.clear();
            updates.add(merged);
          } catch (cause) {
            mergeError = cause;
            tx.abort();
          }
        };
      };
      return write('compact', run, ['updates']).catch((error: unknown) => {
        throw mergeError === undefined ? error : toStoreError(mergeError, 'compact (merge)');
      });
    },
    async flush() {
      await Promise.allSettled([...pending]);
    },
    close() {
      closing ??= (async () => {
        closed = true;
        await Promise.allSettled([...pending]);
        onClosed();
        const db = await dbReady.catch(() => undefined);
        dbClosed = true;
        db?.close();
      })();
      return closing;
    },
    onError(listener) {
      return errors.on('error', listener);
    },
  };
}

function toBytes(row: unknown): Uint8Array | undefined {
  if (row instanceof Uint8Array) return row;
  if (row instanceof ArrayBuffer) return new Uint8Array(row);
  return undefined;
}

function toStoredDoc(rows: unknown[], keys: IDBValidKey[], values: unknown[]): StoredDoc {
  const updates: Uint8Array[] = [];
  let corruptRows = 0;
  for (const row of rows) {
    const bytes = toBytes(row);
    if (bytes === undefined) corruptRows += 1;
    else updates.push(bytes);
  }
  const meta = new Map<string, MetaValue>();
  keys.forEach((key, index) => {
    if (typeof key === 'string') meta.set(key, values[index] as MetaValue);
  });
  return { updates, meta, corruptRows };
}
