import type { DocHandle, SyncState as DocSyncState, SyncStatus } from '@marginalia/client';
import { useExternalValue } from './use-external-value.js';

export interface SyncState {
  /** `offline | connecting | connected | synced`; `synced` means the relay stored every local change. */
  readonly status: SyncStatus;
  /** The user's own changes the relay has not confirmed as stored yet. */
  readonly unsyncedChanges: number;
  /** The named, debounced state to show (`saved`, `saving`, `unreachable`, `refused`, ...). */
  readonly state: DocSyncState;
}

/** The document's connection status and unsynced count, updated on every change. */
export function useSyncStatus(doc: Pick<DocHandle, 'status' | 'unsyncedChanges' | 'state' | 'on'>): SyncState {
  return useExternalValue(
    (onChange) => {
      const offs = [doc.on('status', onChange), doc.on('unsynced', onChange), doc.on('state', onChange)];
      return () => offs.forEach((off) => off());
    },
    () => ({ status: doc.status, unsyncedChanges: doc.unsyncedChanges, state: doc.state }),
    [doc],
  );
}
