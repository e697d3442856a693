import { useEffect, useState } from 'react';
import type { ClientErrorCode, SyncState } from '@marginalia/client';

interface SyncStatusProps {
  readonly state: SyncState;
  readonly unsyncedChanges: number;
  readonly onRetry: () => void;
}

/** What to do about a refusal, in plain words (never a close code). */
export const REFUSED_ADVICE: Partial<Record<ClientErrorCode, string>> = {
  forbidden: 'You no longer have access to this document. Ask whoever shared it for a new link.',
  unauthenticated: 'Your sign-in was not accepted. Reload the page to sign in again.',
  token_refresh_failed: 'Your sign-in could not be renewed. Reload the page to sign in again.',
  not_found: 'This document does not exist on the server.',
  too_large: 'The server refused a change as too large. Your changes are safe on this device; reload to try again.',
  bad_request: 'The server could not accept this document. Your changes are safe on this device.',
};

/** The indicator's short label and the sentence under it, for each state. */
export function describeState(
  state: SyncState,
  now: number,
): { label: string; tone: 'ok' | 'busy' | 'off' | 'bad'; detail: string } {
  switch (state.kind) {
    case 'loading':
      return { label: 'Opening', tone: 'busy', detail: '' };
    case 'no-network':
      return {
        label: 'No network',
        tone: 'off',
        detail: 'Your changes stay on this device until you are back online.',
      };
    case 'paused':
      return {
        label: 'Working offline',
        tone: 'off',
        detail: 'Your changes stay on this device until you turn off "Work offline".',
      };
    case 'connecting':
      return { label: 'Connecting', tone: 'busy', detail: '' };
    case 'unreachable': {
      const seconds = Math.max(0, Math.ceil((state.nextRetryAt - now) / 1000));
      return {
        label: "Can't reach the server",
        tone: 'bad',
        detail:
          seconds === 0 ? 'Trying again now.' : `Trying again in ${seconds} s. Your changes are safe on this device.`,
      };
    }
    case 'refused':
      return {
        label: 'Not syncing',
        tone: 'bad',
        detail:
          REFUSED_ADVICE[state.error.code] ?? 'The server refused this document. Your changes are safe on this device.',
      };
    case 'http-fallback':
      return {
        label: 'Limited connection',
        tone: 'busy',
        detail: 'This network blocks the live connection. Changes are still saved, every few seconds.',
      };
    case 'read-only':
      return {
        label: 'Read-only',
        tone: 'off',
        detail: 'You can read this document but not change it; your edits stay on this device.',
      };
    case 'saving':
      return { label: 'Saving', tone: 'busy', detail: '' };
    case 'saved':
      return { label: 'Saved', tone: 'ok', detail: '' };
  }
}

/** Re-renders every second while a countdown is shown. */
function useSecondTicks(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** The sync indicator: the state in plain words, what the user can do, and how many of their changes are not saved yet. */
export function SyncStatus({ state, unsyncedChanges, onRetry }: SyncStatusProps) {
  const now = useSecondTicks(state.kind === 'unreachable');
  const { label, tone, detail } = describeState(state, now);
  return (
    <div
      className="status"
      data-state={state.kind}
      data-tone={tone}
      role="status"
      aria-live="polite"
      data-testid="sync-status"
      title={detail}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">
        <span data-testid="sync-label">{label}</span>
        <span className="unsaved" data-testid="unsaved" data-count={unsyncedChanges}>
          {unsyncedChanges === 0
            ? ' · all changes saved'
            : ` · ${unsyncedChanges} ${unsyncedChanges === 1 ? 'change' : 'changes'} not yet saved`}
        </span>
        {detail === '' ? null : (
          <span className="status-detail" data-testid="sync-detail">
            {detail}
          </span>
        )}
      </span>
      {state.kind === 'unreachable' ? (
        <button type="button" className="button" onClick={onRetry}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}

interface OfflineSwitchProps {
  readonly offline: boolean;
  readonly onChange: (offline: boolean) => void;
}

/** Lets the user work offline on purpose (disconnects the client in every tab; edits stay local until back). */
export function OfflineSwitch({ offline, onChange }: OfflineSwitchProps) {
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        aria-label="Work offline"
        checked={offline}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="switch-label">Work offline</span>
    </label>
  );
}
