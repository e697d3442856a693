import type { DocHandle, SyncStatus } from '@marginalia/client';
import { useExternalValue } from './use-external-value.js';

export interface SyncState {
  /** `offline | connecting | connected | synced`; `synced` means the relay stored every local change. */
  readonly status: SyncStatus;
  /** Local changes the relay has not confirmed as stored yet. */
  readonly unsyncedChanges: number;
}

/** The document's connection status and unsynced count, updated on every change. */
export function useSyncStatus(doc: Pick<DocHandle, 'status' | 'unsyncedChanges' | 'on'>): SyncState {
  return useExternalValue(
    (onChange) => {
      const offStatus = doc.on('status', onChange);
      const offUnsynced = doc.on('unsynced', onChange);
      return () => {
        offStatus();
        offUnsynced();
      };
    },
    () => ({ status: doc.status, unsyncedChanges: doc.unsyncedChanges }),
    [doc],
  );
}
