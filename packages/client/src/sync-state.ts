import type { ClientError } from './client-error.js';
import { createTimer, type Timers } from './timers.js';

/**
 * Where a document stands, one named state at a time (what a UI shows):
 * - `loading`: the local copy is not loaded yet;
 * - `no-network`: the device is offline (the browser's `offline` event);
 * - `paused`: the app chose to work offline (`client.disconnect()`, in every tab of this user);
 * - `connecting`: the first attempt (or one right after a retry) is under way;
 * - `unreachable`: the relay cannot be reached; the next attempt is at `nextRetryAt` (`retryNow()` starts it);
 * - `refused`: the relay refused this client (`error.code` says why: `forbidden`, `unauthenticated`, ...); no retries;
 * - `http-fallback`: the websocket cannot open but HTTP reaches the relay: changes sync over HTTP (POSTs answered
 *   after commit, polling for the rest) and the socket is retried; presence is unavailable meanwhile;
 * - `read-only`: connected with a read-only token: local edits are not saved on the relay;
 * - `saving`: connected, the user's changes are on their way and not yet stored;
 * - `saved`: everything local is stored on the relay.
 */
export type SyncState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'no-network' }
  | { readonly kind: 'paused' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'unreachable'; readonly nextRetryAt: number; readonly failures: number }
  | { readonly kind: 'refused'; readonly error: ClientError }
  | { readonly kind: 'http-fallback' }
  | { readonly kind: 'read-only' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved' };

export type SyncStateKind = SyncState['kind'];

/** Transient states: shown only once they lasted this long (a quick ack or reconnect never flickers). */
const DEBOUNCED: ReadonlySet<SyncStateKind> = new Set(['saving', 'connecting']);

export const sameState = (a: SyncState, b: SyncState): boolean =>
  a.kind === b.kind &&
  (a.kind !== 'unreachable' || (b.kind === 'unreachable' && a.nextRetryAt === b.nextRetryAt)) &&
  (a.kind !== 'refused' || (b.kind === 'refused' && a.error === b.error));

/** Emits state changes; `saving` and `connecting` only after they held for `delayMs`, the rest at once. */
export function createStateDebouncer(
  timers: Timers,
  delayMs: number,
  emit: (state: SyncState) => void,
): {
  readonly current: SyncState;
  update(next: SyncState): void;
  close(): void;
} {
  const timer = createTimer(timers);
  let current: SyncState = { kind: 'loading' };
  const show = (next: SyncState): void => {
    timer.cancel();
    if (sameState(current, next)) return;
    current = next;
    emit(next);
  };
  return {
    get current() {
      return current;
    },
    update(next) {
      if (!DEBOUNCED.has(next.kind) || delayMs <= 0) return show(next);
      if (next.kind === current.kind) return timer.cancel();
      if (!timer.armed) timer.arm(delayMs, () => show(next));
    },
    close: () => timer.cancel(),
  };
}
