import type { ClientError } from './client-error.js';

/** `whenSynced` of a handle: a promise for the next moment the handle is synced. */
export interface SyncedWaiter {
  /** Resolved now when synced; else resolves the next time it is; rejected after `close()`. */
  readonly promise: Promise<void>;
  /** Call after every status change. */
  check(): void;
  /** Rejects the pending promise (and every later one) with `error`. */
  close(error: ClientError): void;
}

export function createSyncedWaiter(isSynced: () => boolean): SyncedWaiter {
  let pending: { promise: Promise<void>; resolve: () => void; reject: (error: ClientError) => void } | undefined;
  let closedWith: ClientError | undefined;
  return {
    get promise() {
      if (closedWith !== undefined) return quietRejection(closedWith);
      if (isSynced()) return Promise.resolve();
      if (pending === undefined) {
        let resolve: () => void = () => undefined;
        let reject: (error: ClientError) => void = () => undefined;
        const promise = new Promise<void>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        promise.catch(ignore);
        pending = { promise, resolve, reject };
      }
      return pending.promise;
    },
    check() {
      if (pending === undefined || !isSynced()) return;
      pending.resolve();
      pending = undefined;
    },
    close(error) {
      closedWith ??= error;
      pending?.reject(error);
      pending = undefined;
    },
  };
}

const ignore = (): void => undefined;

/** Rejected for whoever awaits it, but not an unhandled rejection when nobody does (e.g. a deep equality check read it). */
function quietRejection(error: ClientError): Promise<void> {
  const promise = Promise.reject(error);
  promise.catch(ignore);
  return promise;
}
