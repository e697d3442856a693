import { useRef } from 'react';

export type ConnectionStatus = 'offline' | 'connecting' | 'connected' | 'synced';

interface SyncStatusProps {
  readonly status: ConnectionStatus;
  readonly unsyncedChanges: number;
}

const LABEL = { live: 'Live', connecting: 'Connecting', offline: 'Offline' } as const;

/**
 * Live once the relay has confirmed everything on this connection (`synced`); a socket that is open
 * but has not got there yet is still Connecting. After that, `connected` only means local edits
 * await their ack: still Live, with the count of changes not yet saved beside it.
 */
export function statusLabel(status: ConnectionStatus, wasSynced: boolean): keyof typeof LABEL {
  if (status === 'synced') return 'live';
  if (status === 'offline') return 'offline';
  return status === 'connected' && wasSynced ? 'live' : 'connecting';
}

/** The sync indicator: Live / Connecting / Offline and how many changes the relay has not stored yet. */
export function SyncStatus({ status, unsyncedChanges }: SyncStatusProps) {
  const syncedOnThisConnection = useRef(false);
  if (status === 'synced') syncedOnThisConnection.current = true;
  else if (status !== 'connected') syncedOnThisConnection.current = false;
  const state = statusLabel(status, syncedOnThisConnection.current);
  return (
    <div className="status" data-state={state} role="status" aria-live="polite" data-testid="sync-status">
      <span className="status-dot" aria-hidden="true" />
      <span data-testid="sync-label">{LABEL[state]}</span>
      <span className="unsaved" data-testid="unsaved" data-count={unsyncedChanges}>
        {unsyncedChanges === 0
          ? '· all changes saved'
          : `· ${unsyncedChanges} ${unsyncedChanges === 1 ? 'change' : 'changes'} not yet saved`}
      </span>
    </div>
  );
}

interface OfflineSwitchProps {
  readonly offline: boolean;
  readonly onChange: (offline: boolean) => void;
}

/** Lets the user work offline on purpose (disconnects the client; edits stay local until back). */
export function OfflineSwitch({ offline, onChange }: OfflineSwitchProps) {
  return (
    <label className="switch">
      <input type="checkbox" role="switch" aria-label="Work offline" checked={offline} onChange={(e) => onChange(e.target.checked)} />
      <span className="switch-label">Work offline</span>
    </label>
  );
}
