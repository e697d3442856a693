import { decodeAwarenessUpdate, encodeAwarenessUpdate, type AwarenessEntry } from '@marginalia/protocol';
import type { Connection } from './connection.js';

/** Who may change an entry: the local connection that created it, or the instance id that published it. */
type Owner = Connection | string;

interface PresenceEntry {
  readonly clock: number;
  readonly state: unknown;
  readonly owner: Owner;
  /** When a remote entry was last published (refreshed); unused for local entries. */
  readonly seenAt: number;
}

/** The result of an awareness update: the entries accepted (to broadcast) and those refused. */
export interface PresenceChange {
  /** The awareness update to relay, or undefined when nothing was accepted. */
  readonly update: Uint8Array | undefined;
  /** Entries accepted: states of the sender's own client ids that changed (what rate limits count). */
  readonly accepted: number;
  /**
   * Entries refused because another connection (or another instance) owns their client id and
   * they would have changed its state. Echoes (a stock client sends back every peer state it
   * receives, with a clock that is not newer) are ignored without counting.
   */
  readonly foreign: number;
}

export interface PresenceOptions {
  /** A remote entry not refreshed for this long is removed (y-protocols' outdated timeout). */
  readonly remoteTimeoutMs?: number;
  readonly now?: () => number;
}

export interface Presence {
  /** Applies a local connection's awareness update (throws ProtocolError on malformed bytes). */
  apply(from: Connection, update: Uint8Array): PresenceChange;
  /**
   * Applies an awareness update another instance published; returns what changed, to broadcast
   * locally (never to publish again). Throws ProtocolError on malformed bytes.
   */
  applyRemote(origin: string, update: Uint8Array): Uint8Array | undefined;
  /** Removes every entry the connection created; returns the removal update to relay, if any. */
  removeOwnedBy(connection: Connection): Uint8Array | undefined;
  /** Removes remote entries not refreshed within the timeout; returns the removal to broadcast locally. */
  expireRemote(): Uint8Array | undefined;
  /** Whether any remote entry is held (what `expireRemote` could remove). */
  hasRemote(): boolean;
  /** Every current state as one awareness update, or undefined when there is none. */
  snapshot(): Uint8Array | undefined;
  /** The states of local connections as one awareness update (to publish again), or undefined. */
  ownSnapshot(): Uint8Array | undefined;
}

export const DEFAULT_REMOTE_PRESENCE_TIMEOUT_MS = 30_000;

/**
 * Awareness states of one document, each bound to its owner: the local connection that created its
 * client id, or, for states that arrived through the fanout, the instance that published them.
 * Nobody else may update or remove it; only the owner's removals are relayed. Clocks follow
 * y-protocols: a newer clock wins; an equal clock with `null` removes. Recording remote states is
 * what makes a local echo of one recognisable as an echo (its clock is never newer).
 */
export function createPresence(options: PresenceOptions = {}): Presence {
  const timeoutMs = options.remoteTimeoutMs ?? DEFAULT_REMOTE_PRESENCE_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<number, PresenceEntry>();

  const isRemote = (entry: PresenceEntry): boolean => typeof entry.owner === 'string';
  const expired = (entry: PresenceEntry): boolean => isRemote(entry) && now() - entry.seenAt >= timeoutMs;
  /** The live entry of a client id: an expired remote one counts as gone (its instance may be dead). */
  const live = (clientID: number): PresenceEntry | undefined => {
    const entry = entries.get(clientID);
    return entry === undefined || expired(entry) ? undefined : entry;
  };
  const changes = (entry: AwarenessEntry, current: PresenceEntry | undefined): boolean => {
    // Removing a state nobody holds creates nothing: typically a peer echoing the removal the relay
    // broadcast when the owner left. Taking ownership here would refuse the owner when it comes back.
    if (current === undefined) return entry.state !== null;
    if (entry.clock > current.clock) return true;
    return entry.clock === current.clock && entry.state === null && current.state !== null;
  };
  const encode = (list: AwarenessEntry[]): Uint8Array | undefined => (list.length === 0 ? undefined : encodeAwarenessUpdate(list));
  const statesWhere = (keep: (entry: PresenceEntry) => boolean): Uint8Array | undefined => {
    const list: AwarenessEntry[] = [];
    for (const [clientID, entry] of entries) {
      if (entry.state !== null && !expired(entry) && keep(entry)) list.push({ clientID, clock: entry.clock, state: entry.state });
    }
    return encode(list);
  };

  /** A remote entry is taken unless a local connection holds the id (it is bound here). */
  const acceptRemote = (origin: string, entry: AwarenessEntry): boolean => {
    const current = live(entry.clientID);
    if (current !== undefined && !isRemote(current)) return false;
    if (entry.state === null) {
      if (current?.owner !== origin || !changes(entry, current)) return false;
      entries.delete(entry.clientID);
      return true;
    }
    if (current?.owner === origin && entry.clock === current.clock) {
      entries.set(entry.clientID, { ...current, seenAt: now() }); // republished unchanged: still alive
      return false;
    }
    if (!changes(entry, current)) return false;
    entries.set(entry.clientID, { clock: entry.clock, state: entry.state, owner: origin, seenAt: now() });
    return true;
  };

  return {
    apply(from, update) {
      const incoming = decodeAwarenessUpdate(update);
      const accepted: AwarenessEntry[] = [];
      let foreign = 0;
      for (const entry of incoming) {
        const current = live(entry.clientID);
        if (!changes(entry, current)) continue;
        if (current !== undefined && current.owner !== from) {
          foreign += 1;
          continue;
        }
        entries.set(entry.clientID, { clock: entry.clock, state: entry.state, owner: from, seenAt: 0 });
        from.awarenessIds.add(entry.clientID);
        accepted.push(entry);
      }
      if (accepted.length === 0) return { update: undefined, accepted: 0, foreign };
      const same = accepted.length === incoming.length;
      return { update: same ? update : encodeAwarenessUpdate(accepted), accepted: accepted.length, foreign };
    },
    applyRemote(origin, update) {
      const incoming = decodeAwarenessUpdate(update);
      const accepted = incoming.filter((entry) => acceptRemote(origin, entry));
      return accepted.length === incoming.length ? (accepted.length === 0 ? undefined : update) : encode(accepted);
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
      return encode(removed);
    },
    expireRemote() {
      const removed: AwarenessEntry[] = [];
      for (const [clientID, entry] of entries) {
        if (!expired(entry)) continue;
        entries.delete(clientID);
        // The same clock: clients drop the state, and its owner's next state (a newer clock) is taken.
        if (entry.state !== null) removed.push({ clientID, clock: entry.clock, state: null });
      }
      return encode(removed);
    },
    hasRemote: () => [...entries.values()].some(isRemote),
    snapshot: () => statesWhere(() => true),
    ownSnapshot: () => statesWhere((entry) => !isRemote(entry)),
  };
}
