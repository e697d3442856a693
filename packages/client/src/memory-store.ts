import { ClientError } from './client-error.js';
import type { LocalStore, LocalStoreProvider, MetaValue } from './local-store.js';

interface Backing {
  rows: Uint8Array[];
  meta: Map<string, MetaValue>;
}

/**
 * Local stores in memory: the same contract as the IndexedDB store, for Node without IndexedDB and for
 * tests. Data lives as long as the provider, so a second `open` of a name sees what the first wrote.
 */
export function createMemoryStoreProvider(): LocalStoreProvider {
  const backings = new Map<string, Backing>();
  const instances = new Map<string, Set<LocalStore>>();
  const backingOf = (name: string): Backing => {
    let backing = backings.get(name);
    if (backing === undefined) {
      backing = { rows: [], meta: new Map() };
      backings.set(name, backing);
    }
    return backing;
  };

  return {
    kind: 'memory',
    open(name) {
      const set = instances.get(name) ?? new Set<LocalStore>();
      instances.set(name, set);
      const store = openMemoryStore(
        name,
        () => backingOf(name),
        () => set.delete(store),
      );
      set.add(store);
      return store;
    },
    async clear(name) {
      await Promise.all([...(instances.get(name) ?? [])].map((store) => store.close()));
      backings.delete(name);
    },
  };
}

function openMemoryStore(name: string, backing: () => Backing, onClosed: () => void): LocalStore {
  let closed = false;
  let last: Promise<unknown> = Promise.resolve();
  const run = <T>(action: string, work: (data: Backing) => T): Promise<T> => {
    if (closed) return Promise.reject(new ClientError('closed', `${action} after close of ${name}`));
    const next = last.then(() => work(backing()));
    last = next.catch(() => undefined);
    return next;
  };
  const putMeta = (data: Backing, meta: Readonly<Record<string, MetaValue>>): void => {
    for (const [key, value] of Object.entries(meta)) data.meta.set(key, value);
  };

  return {
    name,
    load: () =>
      run('load', (data) => ({
        updates: data.rows.map((row) => row.slice()),
        meta: new Map(data.meta),
        corruptRows: 0,
      })),
    append: (update, meta) =>
      run('append', (data) => {
        data.rows.push(update.slice());
        if (meta !== undefined) putMeta(data, meta);
      }),
    setMeta: (entries) => run('setMeta', (data) => putMeta(data, entries)),
    compact: (merge) =>
      run('compact', (data) => {
        let merged: Uint8Array;
        try {
          merged = merge(data.rows.map((row) => row.slice()));
        } catch (cause) {
          throw new ClientError('local_store_io', `compact of ${name} failed in merge`, { cause });
        }
        data.rows = [merged.slice()];
      }),
    async flush() {
      await last;
    },
    async close() {
      if (closed) return;
      await last;
      closed = true;
      onClosed();
    },
    onError: () => () => undefined,
  };
}
