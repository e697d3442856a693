import type { PeerPresence, Presence } from '@marginalia/client';
import type { PresenceState } from '@marginalia/model';
import { useExternalValue } from './use-external-value.js';

export interface PresenceSnapshot {
  /** This session's own state. */
  readonly self: PresenceState;
  /** Everyone else here, one entry per user (merged over their tabs and devices). */
  readonly others: readonly PeerPresence[];
  /**
   * Whether presence reaches the relay (a socket is open). False offline and while syncing over
   * HTTP: then nobody on the relay sees this user, and `others` holds at most this browser's tabs.
   */
  readonly available: boolean;
}

/** Who is here: your own presence state and everyone else's, updated on every change. */
export function usePresence(doc: { readonly presence: Presence }): PresenceSnapshot {
  const { presence } = doc;
  return useExternalValue(
    (onChange) => presence.on('change', onChange),
    () => ({ self: presence.local, others: presence.others(), available: presence.available }),
    [presence],
  );
}
