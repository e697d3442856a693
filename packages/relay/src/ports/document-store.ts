/**
 * The storage port of the relay. A document is an append-only log of Yjs updates (V1 encoding);
 * the relay compacts it by replacing exactly the rows it merged with one snapshot row.
 * Implementations: memory (this package), SQLite, Postgres. The conformance suite in
 * @marginalia/testkit (`runDocumentStoreConformance`) defines the contract.
 */

/** One row of a document's log. `id` grows with every append to the same store. */
export interface StoredUpdate {
  readonly id: number;
  readonly update: Uint8Array;
}

/** One document's part of `appendBatch`. */
export interface AppendBatchEntry {
  readonly docName: string;
  readonly updates: readonly Uint8Array[];
}

export interface DocumentStore {
  /** Every row of the document's log in id order; an empty array for a doc never written. */
  load(docName: string): Promise<StoredUpdate[]>;
  /**
   * Appends updates in one transaction (all or nothing) and resolves once they are durable.
   * Returns the ids given to them, in order.
   */
  append(docName: string, updates: readonly Uint8Array[]): Promise<number[]>;
  /**
   * Optional. Appends the updates of several documents in ONE transaction (all or nothing: when
   * it rejects, none of the entries is stored) and resolves once all of them are durable. Returns
   * per entry, in entry order, the ids given to its updates, as `append` would (an empty entry
   * gets `[]`). Entries are written in order, so a document named twice gets the later entry's
   * rows after the earlier one's. The relay's write queue uses it to commit the updates of every
   * document of a turn together; for a store without it, it calls `append` once per document.
   */
  appendBatch?(entries: readonly AppendBatchEntry[]): Promise<number[][]>;
  /**
   * Atomically deletes exactly the rows `mergedIds` of this document and appends `snapshot` (a Yjs
   * update that contains all of them). Rows appended meanwhile and not named are kept; named ids
   * that are already gone (another compaction took them) or belong to another document are
   * ignored. Returns the new row's id.
   */
  compact(docName: string, snapshot: Uint8Array, mergedIds: readonly number[]): Promise<number>;
  /**
   * Who owns each Yjs client id of the document: the user whose connection first wrote under it
   * (with auth on). Every id `claimClientIds` ever recorded for the document; an empty map for a
   * document without any.
   */
  loadClientOwners(docName: string): Promise<Map<number, string>>;
  /**
   * Records `userId` as the owner of each of `clientIds` that has no owner yet in this document,
   * atomically and durably (resolves once the record is committed), and returns the owner of every
   * id asked about afterwards: `userId` for the ids it now owns, the earlier owner for ids another
   * user claimed first. An owner never changes. When two claims (of any instances on the same
   * backing storage) race for a fresh id, exactly one wins and both get the same answer.
   */
  claimClientIds(docName: string, userId: string, clientIds: readonly number[]): Promise<Map<number, string>>;
  /** Removes the document: its whole log and its client id owners. */
  delete(docName: string): Promise<void>;
  /** Resolves when the store can serve requests (for `/readyz`); rejects when it cannot. */
  ping(): Promise<void>;
  /**
   * Optional. Commits a tiny write at once (no waiting for a lock) and rejects, with the reason in
   * the error's message, when the store cannot write now: disk full, read-only file, locked
   * database. `/readyz` calls it (at most once a second) instead of `ping`; without it, `/readyz`
   * learns of write failures only from the relay's own writes.
   */
  checkWritable?(): Promise<void>;
  /**
   * Releases the store's resources. Calling it twice is harmless. Afterwards every other method
   * rejects with StorageError code 'storage_closed'.
   */
  close(): Promise<void>;
}

/** Thrown by stores for failures of the backing storage; `code` is stable. */
export class StorageError extends Error {
  readonly code: 'storage_closed' | 'storage_failed';
  constructor(code: StorageError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}
