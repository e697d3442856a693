import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** The contract of `@marginalia/client`'s `LocalStore`, restated structurally (the testkit cannot import the client). */
export type ConformanceMetaValue = string | number | boolean | null;

export interface ConformanceLocalStore {
  readonly name: string;
  load(): Promise<{
    updates: readonly Uint8Array[];
    meta: ReadonlyMap<string, ConformanceMetaValue>;
    corruptRows: number;
  }>;
  append(update: Uint8Array, meta?: Readonly<Record<string, ConformanceMetaValue>>): Promise<void>;
  setMeta(entries: Readonly<Record<string, ConformanceMetaValue>>): Promise<void>;
  compact(merge: (rows: readonly Uint8Array[]) => Uint8Array): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface ConformanceLocalStoreProvider {
  open(name: string): ConformanceLocalStore;
  clear(name: string): Promise<void>;
}

const text = new TextEncoder();
const bytes = (value: string): Uint8Array => text.encode(value);
const strings = (rows: readonly Uint8Array[]): string[] => rows.map((row) => new TextDecoder().decode(row));

/**
 * The local-store contract as a Vitest suite: `runLocalStoreConformance('indexeddb', () => provider)`.
 * `makeProvider` is called once per test and must return a provider with empty backing storage.
 */
export function runLocalStoreConformance(name: string, makeProvider: () => ConformanceLocalStoreProvider): void {
  describe(`LocalStore conformance: ${name}`, () => {
    let provider: ConformanceLocalStoreProvider;
    let opened: ConformanceLocalStore[] = [];
    const open = (doc: string): ConformanceLocalStore => {
      const store = provider.open(doc);
      opened.push(store);
      return store;
    };
    const reopen = async (store: ConformanceLocalStore): Promise<ConformanceLocalStore> => {
      await store.close();
      return open(store.name);
    };

    beforeEach(() => {
      provider = makeProvider();
      opened = [];
    });
    afterEach(async () => {
      await Promise.all(opened.map((store) => store.close()));
    });

    it('loads an unknown document as empty', async () => {
      const loaded = await open('never-written').load();
      expect(loaded.updates).toEqual([]);
      expect(loaded.meta.size).toBe(0);
      expect(loaded.corruptRows).toBe(0);
    });

    it('keeps appended updates, byte for byte and in order, across a reopen', async () => {
      const store = open('doc-a');
      for (const value of ['one', 'two', 'three']) await store.append(bytes(value));
      const loaded = await (await reopen(store)).load();
      expect(strings(loaded.updates)).toEqual(['one', 'two', 'three']);
    });

    it('writes metadata atomically with an update and on its own', async () => {
      const store = open('doc-meta');
      await store.append(bytes('u1'), { unsynced: 1, label: 'x' });
      await store.setMeta({ unsynced: 0, flag: true, none: null });
      const loaded = await (await reopen(store)).load();
      expect(strings(loaded.updates)).toEqual(['u1']);
      expect(Object.fromEntries(loaded.meta)).toEqual({ unsynced: 0, label: 'x', flag: true, none: null });
    });

    it('flush waits for every write issued before it', async () => {
      const store = open('doc-flush');
      const writes = Array.from({ length: 50 }, (_, index) => store.append(bytes(`u${index}`)));
      await store.flush();
      const loaded = await open('doc-flush').load();
      expect(loaded.updates).toHaveLength(50);
      await Promise.all(writes);
    });

    it('compacts to the merged value and keeps appends issued after the compaction', async () => {
      const store = open('doc-compact');
      for (const value of ['a', 'b', 'c']) await store.append(bytes(value));
      let seen: string[] = [];
      const compaction = store.compact((rows) => {
        seen = strings(rows);
        return bytes(seen.join('+'));
      });
      const after = store.append(bytes('d'));
      await Promise.all([compaction, after]);
      expect(seen).toEqual(['a', 'b', 'c']);
      const loaded = await (await reopen(store)).load();
      expect(strings(loaded.updates)).toEqual(['a+b+c', 'd']);
    });

    it('compaction includes rows written by a second instance of the same document', async () => {
      const first = open('doc-two');
      const second = open('doc-two');
      await first.append(bytes('from-first'));
      await second.append(bytes('from-second'));
      let seen: string[] = [];
      await first.compact((rows) => {
        seen = strings(rows);
        return bytes('merged');
      });
      await second.append(bytes('later'));
      expect(seen.sort()).toEqual(['from-first', 'from-second']);
      expect(strings((await open('doc-two').load()).updates)).toEqual(['merged', 'later']);
    });

    it('a failing merge leaves the stored rows untouched and rejects', async () => {
      const store = open('doc-merge-fails');
      await store.append(bytes('keep'));
      await expect(
        store.compact(() => {
          throw new Error('merge broke');
        }),
      ).rejects.toMatchObject({ code: expect.stringMatching(/^local_store_/) });
      expect(strings((await store.load()).updates)).toEqual(['keep']);
    });

    it('isolates documents whose names prefix each other', async () => {
      const names = ['band', 'band/7', 'band-7', 'band/7/setlists'];
      for (const doc of names) await open(doc).append(bytes(doc), { owner: doc });
      for (const doc of names) {
        const loaded = await open(doc).load();
        expect(strings(loaded.updates)).toEqual([doc]);
        expect(loaded.meta.get('owner')).toBe(doc);
      }
    });

    it('round-trips a 1 MB update', async () => {
      const big = new Uint8Array(1024 * 1024).map((_, index) => (index * 31) % 251);
      const store = open('doc-big');
      await store.append(big);
      const [loaded] = (await (await reopen(store)).load()).updates;
      expect(loaded?.length).toBe(big.length);
      expect(Buffer.from(loaded ?? []).equals(Buffer.from(big))).toBe(true);
    });

    it('clear removes one document (closing open instances) and nothing else', async () => {
      const doomed = open('doc-clear');
      await doomed.append(bytes('gone'), { unsynced: 3 });
      await open('doc-kept').append(bytes('kept'));
      await provider.clear('doc-clear');
      await expect(doomed.append(bytes('late'))).rejects.toMatchObject({ code: 'closed' });
      const cleared = await open('doc-clear').load();
      expect(cleared.updates).toEqual([]);
      expect(cleared.meta.size).toBe(0);
      expect(strings((await open('doc-kept').load()).updates)).toEqual(['kept']);
    });

    it('close is idempotent and later calls reject with code closed', async () => {
      const store = open('doc-close');
      const write = store.append(bytes('before-close'));
      await store.close();
      await store.close();
      await write;
      await expect(store.append(bytes('x'))).rejects.toMatchObject({ code: 'closed' });
      await expect(store.load()).rejects.toMatchObject({ code: 'closed' });
      expect(strings((await open('doc-close').load()).updates)).toEqual(['before-close']);
    });
  });
}
