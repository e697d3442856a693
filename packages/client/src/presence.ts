import type { Awareness } from 'y-protocols/awareness';
import {
  PRESENCE_FIELDS,
  TYPING_TTL_MS,
  isTyping,
  isModelError,
  validatePresence,
  type PresenceLocation,
  type PresenceSelection,
  type PresenceState,
  type PresenceStatus,
  type PresenceUser,
} from '@marginalia/model';
import { createEmitter, type ListenerErrorHandler } from './emitter.js';
import { createTimer, type Timers } from './timers.js';

export interface PresenceOptions {
  readonly awareness: Awareness;
  readonly user: PresenceUser;
  readonly timers: Timers;
  /** A typing indicator clears itself after this long without another `typing()` call. Default 3 s (`TYPING_TTL_MS`). */
  readonly typingTimeoutMs?: number;
  /** Without activity the status becomes `idle` after this long (default 60 s)... */
  readonly idleAfterMs?: number;
  /** ...and `away` after this long (default 5 min). */
  readonly awayAfterMs?: number;
  /** Where a `change` listener that threw is reported (default: console.error). */
  readonly onListenerError?: ListenerErrorHandler;
  /** True while presence reaches the relay (a socket is open). Default: always. */
  readonly available?: () => boolean;
  /** Subscribes to moments when `available` may have changed; returns the unsubscribe function. */
  readonly onAvailabilityChange?: (listener: () => void) => () => void;
}

/** What `presence.set()` accepts; `null` removes a field. */
export interface PresencePatch {
  readonly location?: PresenceLocation | null;
  readonly selection?: PresenceSelection | null;
  /** The note being typed in (the indicator then clears itself), or null to stop. */
  readonly typing?: string | null;
  /** Overrides the automatic status until the next activity. */
  readonly status?: PresenceStatus;
}

/** One other user, merged over all their tabs and devices. */
export interface PeerPresence {
  readonly user: PresenceUser;
  /** The most present status of any of their sessions (active > idle > away). */
  readonly status: PresenceStatus;
  /** Set while any of their sessions is typing (expired indicators are left out). */
  readonly typing?: { readonly noteId: string; readonly until: number };
  /** From their most recently updated session. */
  readonly location?: PresenceLocation;
  readonly selection?: PresenceSelection;
  /** How many tabs/devices they have open here. */
  readonly sessions: number;
}

export interface Presence {
  /** This session's own state. */
  readonly local: PresenceState;
  set(patch: PresencePatch): void;
  /** Shorthand for `set({ typing: noteId })`; call on every keystroke. */
  typing(noteId: string): void;
  /** Records activity: the status goes back to `active` and the idle timers restart. */
  touch(): void;
  /** Everyone else here, one entry per user (this user's other tabs are not "others"). */
  others(): PeerPresence[];
  /**
   * True while presence goes through the relay (a websocket is open). False offline and in `http-fallback`:
   * nobody on the relay sees this user, and `others()` holds at most who is in other tabs of this browser.
   * `change` fires when it flips.
   */
  readonly available: boolean;
  on(event: 'change', listener: () => void): () => void;
  close(): void;
}

const RANK: Readonly<Record<PresenceStatus, number>> = { active: 0, idle: 1, away: 2 };

export function createPresence(options: PresenceOptions): Presence {
  const { awareness, timers, user } = options;
  const typingTimeoutMs = options.typingTimeoutMs ?? TYPING_TTL_MS;
  const idleAfterMs = options.idleAfterMs ?? 60_000;
  const awayAfterMs = options.awayAfterMs ?? 300_000;
  const events = createEmitter<{ change: [] }>(options.onListenerError);
  const typingTimer = createTimer(timers);
  const idleTimer = createTimer(timers);
  const expiryTimer = createTimer(timers);
  let state: PresenceState = validatePresence({ user, status: 'active' });
  let closed = false;

  const publish = (next: PresenceState): void => {
    if (closed) return;
    state = validatePresence(next);
    // Editor bindings keep their own fields (y-prosemirror's and y-codemirror.next's `cursor`) in the
    // same awareness state: keep them, replace only ours.
    awareness.setLocalState({ ...foreignFields(awareness.getLocalState()), ...state });
  };
  const without = (key: 'typing' | 'location' | 'selection'): PresenceState => {
    const copy: Record<string, unknown> = { ...state };
    delete copy[key];
    return copy as unknown as PresenceState;
  };

  const armIdle = (): void => {
    idleTimer.arm(idleAfterMs, () => {
      publish({ ...state, status: 'idle' });
      idleTimer.arm(awayAfterMs - idleAfterMs, () => publish({ ...state, status: 'away' }));
    });
  };

  const touch = (): void => {
    if (closed) return;
    armIdle();
    if (state.status !== 'active') publish({ ...state, status: 'active' });
  };

  const set = (patch: PresencePatch): void => {
    if (closed) return;
    const draft: Record<string, unknown> = { ...state };
    for (const key of ['location', 'selection'] as const) {
      const value = patch[key];
      if (value === null) delete draft[key];
      else if (value !== undefined) draft[key] = value;
    }
    if (patch.typing === null) {
      typingTimer.cancel();
      delete draft.typing;
    } else if (patch.typing !== undefined) {
      draft.typing = { noteId: patch.typing, until: timers.now() + typingTimeoutMs };
      typingTimer.arm(typingTimeoutMs, () => publish(without('typing')));
    }
    draft.status = patch.status ?? 'active';
    if (patch.status === undefined) armIdle();
    else idleTimer.cancel();
    publish(draft as unknown as PresenceState);
  };

  const others = (): PeerPresence[] => {
    const now = timers.now();
    const byUser = new Map<string, Array<{ state: PresenceState; at: number }>>();
    awareness.getStates().forEach((value, clientId) => {
      const peerState = clientId === awareness.clientID ? undefined : typedPresence(value);
      if (peerState === undefined || peerState.user.id === user.id) return;
      const list = byUser.get(peerState.user.id) ?? [];
      list.push({ state: peerState, at: order.get(clientId) ?? 0 });
      byUser.set(peerState.user.id, list);
    });
    return [...byUser.values()].map((sessions) => mergeSessions(sessions, now));
  };

  const scheduleExpiry = (): void => {
    const now = timers.now();
    const next = Math.min(...others().flatMap((peer) => (peer.typing === undefined ? [] : [peer.typing.until])));
    if (Number.isFinite(next))
      expiryTimer.arm(Math.max(0, next - now) + 1, () => {
        events.emit('change');
        scheduleExpiry();
      });
  };

  // Which session spoke last, by arrival order (clocks of other devices are not comparable).
  const order = new Map<number, number>();
  let arrivals = 0;
  const onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    for (const id of [...added, ...updated]) order.set(id, ++arrivals);
    for (const id of removed) order.delete(id);
  };
  const onChange = (): void => {
    events.emit('change');
    scheduleExpiry();
  };
  awareness.on('update', onUpdate);
  awareness.on('change', onChange);
  const isAvailable = (): boolean => options.available?.() ?? true;
  let wasAvailable = isAvailable();
  const stopWatchingAvailability = options.onAvailabilityChange?.(() => {
    if (isAvailable() === wasAvailable) return;
    wasAvailable = !wasAvailable;
    events.emit('change');
  });
  publish(state);
  armIdle();

  return {
    get local() {
      return state;
    },
    set,
    typing: (noteId) => set({ typing: noteId }),
    touch,
    others,
    get available() {
      return isAvailable();
    },
    on: (event, listener) => events.on(event, listener),
    close() {
      if (closed) return;
      closed = true;
      for (const timer of [typingTimer, idleTimer, expiryTimer]) timer.cancel();
      awareness.off('change', onChange);
      awareness.off('update', onUpdate);
      stopWatchingAvailability?.();
      awareness.setLocalState(null);
      events.clear();
    },
  };
}

const OWN_FIELDS: ReadonlySet<string> = new Set(PRESENCE_FIELDS);

/** The fields of an awareness state that are not ours (an editor's `cursor`...). */
function foreignFields(current: Record<string, unknown> | null): Record<string, unknown> {
  return Object.fromEntries(Object.entries(current ?? {}).filter(([key]) => !OWN_FIELDS.has(key)));
}

/** A peer's typed presence, without the fields of other bindings; undefined when it does not follow the schema. */
function typedPresence(value: unknown): PresenceState | undefined {
  try {
    return validatePresence(value);
  } catch (error) {
    if (isModelError(error)) return undefined;
    throw error;
  }
}

function mergeSessions(sessions: Array<{ state: PresenceState; at: number }>, now: number): PeerPresence {
  const latest = [...sessions].sort((a, b) => b.at - a.at);
  const newest = (latest[0] as { state: PresenceState }).state;
  const status = sessions.map((s) => s.state.status).sort((a, b) => RANK[a] - RANK[b])[0] as PresenceStatus;
  const typing = latest.find((s) => isTyping(s.state, now))?.state.typing;
  const location = latest.find((s) => s.state.location !== undefined)?.state.location;
  const selection = latest.find((s) => s.state.selection !== undefined)?.state.selection;
  return {
    user: newest.user,
    status,
    sessions: sessions.length,
    ...(typing === undefined ? {} : { typing }),
    ...(location === undefined ? {} : { location }),
    ...(selection === undefined ? {} : { selection }),
  };
}
