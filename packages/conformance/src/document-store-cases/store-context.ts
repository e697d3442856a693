import type { DocumentStore, StoredUpdate } from '@marginalia/relay';

/** What each group of conformance cases reads: the test's store and a way to open another instance. */
export interface StoreContext {
  readonly store: DocumentStore;
  /** A second instance on the same backing storage; closed by the suite after the test. */
  reopen(): Promise<DocumentStore>;
  /** Makes every later write of rows of `docName` fail in the backing storage (fixtures that offer it). */
  failWritesTo(docName: string): Promise<void>;
}

export function idsOf(rows: readonly StoredUpdate[]): number[] {
  return rows.map((row) => row.id);
}

export function updatesOf(rows: readonly StoredUpdate[]): Uint8Array[] {
  return rows.map((row) => row.update);
}

/** Byte equality that does not care whether a store returns a Buffer or a plain Uint8Array. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

export function isAscending(ids: readonly number[]): boolean {
  return ids.every((id, i) => Number.isSafeInteger(id) && (i === 0 || id > ids[i - 1]!));
}
