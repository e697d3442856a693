import type { ClientError } from './client-error.js';

/** A value in a document's local metadata. */
export type MetaValue = string | number | boolean | null;

/** Everything a local store holds for one document. */
export interface StoredDoc {
  /** Yjs updates (V1) in the order they were written. */
  readonly updates: readonly Uint8Array[];
  readonly meta: ReadonlyMap<string, MetaValue>;
  /** Rows that were not bytes; they are skipped (and reported as `local_store_corrupt`). */
  readonly corruptRows: number;
}

/**
 * The local copy of one document: an append-only log of updates plus a little metadata.
 * Byte-agnostic (it never decodes an update). Every failing operation rejects with a `ClientError`
 * whose code starts with `local_store_` (or `closed` after `close()`).
 */
export interface LocalStore {
  readonly name: string;
  load(): Promise<StoredDoc>;
  /** Appends one update and, in the same atomic write, sets the given metadata. */
  append(update: Uint8Array, meta?: Readonly<Record<string, MetaValue>>): Promise<void>;
  setMeta(entries: Readonly<Record<string, MetaValue>>): Promise<void>;
  /**
   * Replaces every stored update with `merge(rows)` in one atomic step. `merge` runs synchronously
   * inside the write, with every row stored at that moment (also rows written by other instances).
   */
  compact(merge: (rows: readonly Uint8Array[]) => Uint8Array): Promise<void>;
  /** Resolves once every write issued before the call has settled (committed or failed). */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Errors that are not the answer to a call: blocked by another tab, closed by another tab. */
  onError(listener: (error: ClientError) => void): () => void;
}

/** Opens local stores by document name; one provider is one "browser profile". */
/**
 * An IndexedDB factory: `globalThis.indexedDB` in browsers, `new IDBFactory()` of fake-indexeddb
 * in Node. Typed structurally so that the declarations need no DOM lib (Node apps compile
 * against `lib: ["ES2022"]`); the store uses it as the DOM's `IDBFactory`.
 */
export interface IndexedDbFactory {
  open(name: string, version?: number): unknown;
  deleteDatabase(name: string): unknown;
}

export interface LocalStoreProvider {
  readonly kind: string;
  open(name: string): LocalStore;
  /** Deletes a document's local copy. Open instances of that name are closed first. */
  clear(name: string, onBlocked?: (error: ClientError) => void): Promise<void>;
}
