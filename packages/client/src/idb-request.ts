import { ClientError, type ClientErrorCode } from './client-error.js';

/** Maps a DOMException (or anything thrown) from IndexedDB to a typed `ClientError`. */
export function toStoreError(cause: unknown, action: string): ClientError {
  if (cause instanceof ClientError) return cause;
  const name = cause instanceof Error || isDomException(cause) ? (cause as { name: string }).name : '';
  const code: ClientErrorCode =
    name === 'QuotaExceededError'
      ? 'local_store_quota'
      : name === 'DataError' || name === 'DataCloneError'
        ? 'local_store_corrupt'
        : 'local_store_io';
  const detail = cause instanceof Error || isDomException(cause) ? (cause as Error).message : String(cause);
  return new ClientError(code, `${action} failed: ${name || 'Error'} ${detail}`.trim(), { cause });
}

function isDomException(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'name' in value && 'message' in value;
}

export function requestResult<T>(request: IDBRequest<T>, action: string): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      event.preventDefault();
      reject(toStoreError(request.error, action));
    };
  });
}

/** Resolves when the transaction commits; rejects (typed) when it errors or aborts. */
export function transactionDone(tx: IDBTransaction, action: string): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = (event) => event.preventDefault();
    tx.onabort = () => reject(toStoreError(tx.error ?? new Error('transaction aborted'), action));
  });
}

/** Opens (and on first use creates) a database with y-indexeddb's layout: `updates` (auto keys) and `custom`. */
export function openDatabase(
  factory: IDBFactory,
  name: string,
  onBlocked: (error: ClientError) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name);
    } catch (cause) {
      reject(toStoreError(cause, 'open'));
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('updates')) db.createObjectStore('updates', { autoIncrement: true });
      if (!db.objectStoreNames.contains('custom')) db.createObjectStore('custom');
    };
    request.onblocked = () =>
      onBlocked(new ClientError('local_store_blocked', `opening ${name} waits for another tab to close it`));
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      event.preventDefault();
      reject(toStoreError(request.error, 'open'));
    };
  });
}

export function deleteDatabase(
  factory: IDBFactory,
  name: string,
  onBlocked: (error: ClientError) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onblocked = () =>
      onBlocked(new ClientError('local_store_blocked', `deleting ${name} waits for another tab to close it`));
    request.onsuccess = () => resolve();
    request.onerror = (event) => {
      event.preventDefault();
      reject(toStoreError(request.error, 'delete'));
    };
  });
}
