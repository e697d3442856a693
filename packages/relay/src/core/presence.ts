import { decodeAwarenessUpdate, encodeAwarenessUpdate, type AwarenessEntry } from '@marginalia/protocol';
import type { Connection } from './connection.js';

interface PresenceEntry {
  clock: number;
  state: unknown;
  readonly owner: Connection;
}

/** The result of an awareness update: the entries accepted (to broadcast) and those refused. */
export interface PresenceChange {
  /** The awareness update to relay, or undefined when nothing was accepted. */
  readonly update: Uint8Array | undefined;
  /** Entries accepted: states of the sender's own client ids that changed (what rate limits count). */
  readonly accepted: number;
  /**
   * Entries refused because another connection owns their client id and they would have changed
   * its state. Echoes (a stock client sends back every peer state it receives, with a clock that is
   * not newer) are ignored without counting.
   */
  readonly foreign: number;
}

export interface Presence {
  /** Applies a connection's awareness update (throws ProtocolError on malformed bytes). */
  apply(from: Connection, update: Uint8Array): PresenceChange;
  /** Removes every entry the connection created; returns the removal update to relay, if any. */
  removeOwnedBy(connection: Connection): Uint8Array | undefined;
  /** Every current state as one awareness update, or undefined when there is none. */
  snapshot(): Uint8Array | undefined;
}

/**
 * Awareness states of one document, each bound to the connection that created its client id:
 * another connection may neither update nor remove it. Clocks follow y-protocols: a newer clock
 * wins; an equal clock with `null` removes.
 */
export function createPresence(): Presence {
  const entries = new Map<number, PresenceEntry>();

  const accepts = (entry: AwarenessEntry, current: PresenceEntry | undefined): boolean => {
    // Removing a state nobody holds creates nothing: typically a peer echoing the removal the relay
    // broadcast when the owner left. Taking ownership here would refuse the owner when it comes back.
    if (current === undefined) return entry.state !== null;
    if (entry.clock > current.clock) return true;
    return entry.clock === current.clock && entry.state === null && current.state !== null;
  };

  return {
    apply(from, update) {
      const incoming = decodeAwarenessUpdate(update);
      const accepted: AwarenessEntry[] = [];
      let foreign = 0;
      for (const entry of incoming) {
        const current = entries.get(entry.clientID);
        if (!accepts(entry, current)) continue;
        if (current !== undefined && current.owner !== from) {
          foreign += 1;
          continue;
        }
        entries.set(entry.clientID, { clock: entry.clock, state: entry.state, owner: from });
        from.awarenessIds.add(entry.clientID);
        accepted.push(entry);
      }
      if (accepted.length === 0) return { update: undefined, accepted: 0, foreign };
      const same = accepted.length === incoming.length;
      return { update: same ? update : encodeAwarenessUpdate(accepted), accepted: accepted.length, foreign };
    },
    removeOwnedBy(connection) {
      const removed: AwarenessEntry[] = [];
      for (const clientID of connection.awarenessIds) {
        const current = entries.get(clientID);
        if (current === undefined || current.owner !== connection) continue;
        entries.delete(clientID);
        if (current.state !== null) removed.push({ clientID, clock: current.clock + 1, state: null });
      }
      connection.awarenessIds.clear();
      return removed.length === 0 ? undefined : encodeAwarenessUpdate(removed);
    },
    snapshot() {
      const live: AwarenessEntry[] = [];
      for (const [clientID, entry] of entries) {
        if (entry.state !== null) live.push({ clientID, clock: entry.clock, state: entry.state });
      }
      return live.length === 0 ? undefined : encodeAwarenessUpdate(live);
    },
  };
}
