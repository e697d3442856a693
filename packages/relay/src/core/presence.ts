import { decodeAwarenessEntries, encodeAwarenessUpdate, type DecodedAwarenessEntry } from '@marginalia/protocol';
import type { Connection } from './connection.js';
import { DEFAULT_PRESENCE_LIMITS, type PresenceBreach, type PresenceLimits } from './presence-limits.js';
import { createReleasedIds } from './released-ids.js';

/** Who may change an entry: the local connection that created it, or the instance id that published it. */
type Owner = Connection | string;

interface PresenceEntry {
  readonly clock: number;
  /** The state's JSON text as received (`null` for a removed state); never stringified again. */
  readonly json: string;
  readonly owner: Owner;
  /** The user (token subject) of a local owner; undefined in open mode and for remote entries. */
  readonly user?: string | undefined;
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
   * Entries refused because another connection owns their client id (or another instance does, for
   * a removal) and they would have changed its state. Echoes (a stock client sends back every peer
   * state it receives, with a clock that is not newer) are ignored without counting.
   */
  readonly foreign: number;
  /**
   * New states for client ids another instance holds: not applied; the room asks the other
   * instances whether a live connection owns them (presence-claims.ts), then `adopt`s or refuses them.
   */
  readonly claims: readonly DecodedAwarenessEntry[];
  /** Entries dropped because the document's presence is full (`maxBytesPerDoc`). */
  readonly full: number;
  /** Set when the connection would hold more than its share: nothing of the frame was taken. */
  readonly breach?: PresenceBreach;
}

export interface PresenceOptions {
  /** A remote entry not refreshed for this long is removed (y-protocols' outdated timeout). */
  readonly remoteTimeoutMs?: number;
  readonly now?: () => number;
  readonly limits?: Partial<PresenceLimits>;
  /** After its owner left, a client id stays reserved for the owner's user this long (auth on). */
  readonly releasedMs?: number;
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
  /** Takes `entries` (claims nobody contested) for `from`; returns the update to relay, if any. */
  adopt(from: Connection, entries: readonly DecodedAwarenessEntry[]): Uint8Array | undefined;
  /** The client ids among `ids` that an open local connection owns. */
  heldLocally(ids: readonly number[]): number[];
  /** Whether any live entry holds the client id. */
  holds(clientID: number): boolean;
  /** Removes the entries of an instance that is gone; returns the removal to broadcast locally. */
  removeOrigin(origin: string): Uint8Array | undefined;
  /** How many states local connections and other instances hold (for the metrics). */
  counts(): { readonly local: number; readonly remote: number };
  /** Removes remote entries not refreshed within the timeout; returns the removal to broadcast locally. */
  expireRemote(): Uint8Array | undefined;
  /** Whether any remote entry is held (what `expireRemote` could remove). */
  hasRemote(): boolean;
  /** Every current state as one awareness update (encoded once per change), or undefined when there is none. */
  snapshot(): Uint8Array | undefined;
  /** The states of local connections as one awareness update (to publish again), or undefined. */
  ownSnapshot(): Uint8Array | undefined;
  /** Characters of JSON state held (what `maxBytesPerDoc` bounds). */
  bytes(): number;
}

export const DEFAULT_REMOTE_PRESENCE_TIMEOUT_MS = 30_000;

const stateBytes = (json: string): number => (json === 'null' ? 0 : json.length);

/**
 * Awareness states of one document, each bound to its owner: the local connection that created its
 * client id, or, for states that arrived through the fanout, the instance that published them.
 * Nobody else may update or remove it; only the owner's removals are relayed. Clocks follow
 * y-protocols: a newer clock wins; an equal clock with `null` removes. Recording remote states is
 * what makes a local echo of one recognisable as an echo (its clock is never newer). What a
 * connection and the document may hold is bounded by {@link PresenceLimits}.
 */
export function createPresence(options: PresenceOptions = {}): Presence {
  const timeoutMs = options.remoteTimeoutMs ?? DEFAULT_REMOTE_PRESENCE_TIMEOUT_MS;
  const limits: PresenceLimits = { ...DEFAULT_PRESENCE_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const entries = new Map<number, PresenceEntry>();
  let held = 0;
  let cached: Uint8Array | null | undefined = null; // null: to encode again
  let cachedUntil = Number.POSITIVE_INFINITY; // when the first remote state in `cached` expires
  const spoke = new WeakSet<Connection>(); // connections that sent awareness before
  const released = createReleasedIds({ now, ...(options.releasedMs === undefined ? {} : { ms: options.releasedMs }) });

  const put = (clientID: number, entry: PresenceEntry): void => {
    held += stateBytes(entry.json) - stateBytes(entries.get(clientID)?.json ?? 'null');
    entries.set(clientID, entry);
    cached = null;
  };
  const drop = (clientID: number): void => {
    held -= stateBytes(entries.get(clientID)?.json ?? 'null');
    entries.delete(clientID);
    cached = null;
  };
  const isRemote = (entry: PresenceEntry): boolean => typeof entry.owner === 'string';
  const expired = (entry: PresenceEntry): boolean => isRemote(entry) && now() - entry.seenAt >= timeoutMs;
  /** The live entry of a client id: an expired remote one counts as gone (its instance may be dead). */
  const live = (clientID: number): PresenceEntry | undefined => {
    const entry = entries.get(clientID);
    return entry === undefined || expired(entry) ? undefined : entry;
  };
  const changes = (entry: DecodedAwarenessEntry, current: PresenceEntry | undefined): boolean => {
    // Removing a state nobody holds creates nothing: typically a peer echoing the removal the relay
    // broadcast when the owner left. Taking ownership here would refuse the owner when it comes back.
    if (current === undefined) return entry.state !== null;
    if (entry.clock > current.clock) return true;
    return entry.clock === current.clock && entry.state === null && current.json !== 'null';
  };
  /** Whether taking `entry` would pass the document's budget (removals and shrinking always fit). */
  const overDoc = (entry: DecodedAwarenessEntry, current: PresenceEntry | undefined): boolean =>
    held + stateBytes(entry.json) - stateBytes(current?.json ?? 'null') > limits.maxBytesPerDoc &&
    stateBytes(entry.json) > 0;
  const encode = (list: DecodedAwarenessEntry[]): Uint8Array | undefined =>
    list.length === 0 ? undefined : encodeAwarenessUpdate(list);
  const statesWhere = (keep: (entry: PresenceEntry) => boolean): Uint8Array | undefined => {
    const list: DecodedAwarenessEntry[] = [];
    for (const [clientID, entry] of entries) {
      if (entry.json !== 'null' && !expired(entry) && keep(entry))
        list.push({ clientID, clock: entry.clock, state: undefined, json: entry.json });
    }
    return encode(list);
  };

  /** A remote entry is taken unless a local connection holds the id (it is bound here). */
  const acceptRemote = (origin: string, entry: DecodedAwarenessEntry): boolean => {
    const current = live(entry.clientID);
    if (current !== undefined && !isRemote(current)) return false;
    if (entry.state === null) {
      if (current?.owner !== origin || !changes(entry, current)) return false;
      drop(entry.clientID);
      return true;
    }
    if (current?.owner === origin && entry.clock === current.clock) {
      entries.set(entry.clientID, { ...current, seenAt: now() }); // republished unchanged: still alive
      return false;
    }
    if (current !== undefined && entry.clock === current.clock) {
      // Unchanged, from another relay: the user moved there and that relay won its claim.
      entries.set(entry.clientID, { ...current, owner: origin, seenAt: now() });
      return false;
    }
    if (!changes(entry, current) || overDoc(entry, current)) return false;
    put(entry.clientID, { clock: entry.clock, json: entry.json, owner: origin, seenAt: now() });
    return true;
  };

  /**
   * Whether `from` may take a client id held by `current` (a local entry, or none). Never from
   * another open connection (not even one of the same user: that may be another tab); once the
   * owner left, the id follows the user, not the first claimant: for a while only the owner's
   * user may take it (auth on).
   */
  const mayTake = (from: Connection, clientID: number, current: PresenceEntry | undefined): boolean =>
    current === undefined ? released.allows(clientID, from.context.userId) : current.owner === from;
  const take = (from: Connection, entry: DecodedAwarenessEntry): void => {
    put(entry.clientID, { clock: entry.clock, json: entry.json, owner: from, user: from.context.userId, seenAt: 0 });
    from.awarenessIds.add(entry.clientID);
    released.taken(entry.clientID);
  };

  /** The breach, if `from` held the states of `incoming` on top of its own. */
  const breachOf = (from: Connection, incoming: readonly DecodedAwarenessEntry[]): PresenceBreach | undefined => {
    const after = new Map<number, number>();
    for (const clientID of from.awarenessIds) after.set(clientID, stateBytes(entries.get(clientID)?.json ?? 'null'));
    for (const entry of incoming) {
      const current = live(entry.clientID);
      if (current === undefined ? entry.state !== null : current.owner === from)
        after.set(entry.clientID, stateBytes(entry.json));
    }
    if (after.size > limits.maxClientIdsPerConnection) return 'awareness_client_ids';
    let bytes = 0;
    for (const size of after.values()) bytes += size;
    return bytes > limits.maxBytesPerConnection ? 'presence_bytes' : undefined;
  };

  return {
    apply(from, update) {
      const incoming = decodeAwarenessEntries(update);
      const breach = breachOf(from, incoming);
      if (breach !== undefined) return { update: undefined, accepted: 0, foreign: 0, full: 0, claims: [], breach };
      const accepted: DecodedAwarenessEntry[] = [];
      const claims: DecodedAwarenessEntry[] = [];
      let foreign = 0;
      let full = 0;
      // A stock client's first awareness frame is its own state (sent on open, before it can have
      // echoed anyone's): unchanged for an id another relay holds, it is a user that moved here.
      const first = !spoke.has(from);
      spoke.add(from);
      for (const entry of incoming) {
        const current = live(entry.clientID);
        if (
          first &&
          entry.state !== null &&
          current !== undefined &&
          isRemote(current) &&
          entry.clock === current.clock
        ) {
          claims.push(entry);
          continue;
        }
        if (!changes(entry, current)) continue;
        if (current !== undefined && isRemote(current)) {
          // A new state is a claim (its user may have moved here); a removal is never ours to make.
          if (entry.state !== null) claims.push(entry);
          else foreign += 1;
          continue;
        }
        if (!mayTake(from, entry.clientID, current)) {
          foreign += 1;
          continue;
        }
        if (overDoc(entry, current)) {
          full += 1;
          continue;
        }
        take(from, entry);
        accepted.push(entry);
      }
      if (accepted.length === 0) return { update: undefined, accepted: 0, foreign, full, claims };
      const same = accepted.length === incoming.length;
      return {
        update: same ? update : encodeAwarenessUpdate(accepted),
        accepted: accepted.length,
        foreign,
        full,
        claims,
      };
    },
    applyRemote(origin, update) {
      const incoming = decodeAwarenessEntries(update);
      const accepted = incoming.filter((entry) => acceptRemote(origin, entry));
      return accepted.length === incoming.length ? (accepted.length === 0 ? undefined : update) : encode(accepted);
    },
    adopt(from, list) {
      const taken = list.filter((entry) => {
        const current = live(entry.clientID);
        if (current !== undefined && (!isRemote(current) || entry.clock < current.clock)) return false;
        if (overDoc(entry, current)) return false;
        take(from, entry);
        return true;
      });
      return encode(taken);
    },
    heldLocally: (ids) =>
      ids.filter((clientID) => {
        const owner = entries.get(clientID)?.owner;
        return owner !== undefined && typeof owner !== 'string' && owner.open();
      }),
    holds: (clientID) => live(clientID) !== undefined,
    removeOrigin(origin) {
      const removed: DecodedAwarenessEntry[] = [];
      for (const [clientID, entry] of [...entries]) {
        if (entry.owner !== origin) continue;
        drop(clientID);
        // The same clock, as for an expired state: the owner's next state (a newer clock) is taken.
        if (entry.json !== 'null') removed.push({ clientID, clock: entry.clock, state: null, json: 'null' });
      }
      return encode(removed);
    },
    counts() {
      let remote = 0;
      for (const entry of entries.values()) if (isRemote(entry)) remote += 1;
      return { local: entries.size - remote, remote };
    },
    removeOwnedBy(connection) {
      const removed: DecodedAwarenessEntry[] = [];
      for (const clientID of connection.awarenessIds) {
        const current = entries.get(clientID);
        if (current === undefined || current.owner !== connection) continue;
        drop(clientID);
        released.release(clientID, current.user);
        if (current.json !== 'null') removed.push({ clientID, clock: current.clock + 1, state: null, json: 'null' });
      }
      connection.awarenessIds.clear();
      return encode(removed);
    },
    expireRemote() {
      const removed: DecodedAwarenessEntry[] = [];
      for (const [clientID, entry] of entries) {
        if (!expired(entry)) continue;
        drop(clientID);
        // The same clock: clients drop the state, and its owner's next state (a newer clock) is taken.
        if (entry.json !== 'null') removed.push({ clientID, clock: entry.clock, state: null, json: 'null' });
      }
      return encode(removed);
    },
    hasRemote: () => [...entries.values()].some(isRemote),
    snapshot() {
      // Encoded once per change (joins and query-awareness send the same bytes), and again once
      // a remote state in it expires.
      if (cached === null || now() >= cachedUntil) {
        cached = statesWhere(() => true);
        cachedUntil = firstRemoteExpiry();
      }
      return cached;
    },
    ownSnapshot: () => statesWhere((entry) => !isRemote(entry)),
    bytes: () => held,
  };

  function firstRemoteExpiry(): number {
    let first = Number.POSITIVE_INFINITY;
    for (const entry of entries.values()) if (isRemote(entry)) first = Math.min(first, entry.seenAt + timeoutMs);
    return first;
  }
}
