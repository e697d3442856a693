import { ModelError } from './model-error.js';
import { isHighlightColor } from './colors.js';
import type { RelativePositionJSON } from './anchor-types.js';

export const PRESENCE_STATUSES = ['active', 'idle', 'away'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** How long a typing indicator lasts unless renewed (about 3 s: long enough to bridge a pause between words). */
export const TYPING_TTL_MS = 3000;

export interface PresenceUser {
  readonly id: string;
  readonly name: string;
  /** `#rrggbb` or a palette color name. */
  readonly color: string;
}

export interface PresenceTyping {
  readonly noteId: string;
  /** Epoch milliseconds after which the indicator is stale (a client that vanished stops "typing"). */
  readonly until: number;
}

/** Where the user is: an external ref (chapter, verse, file) with an optional label. */
export interface PresenceLocation {
  readonly ref: string;
  readonly label?: string;
}

/** A text selection as two JSON RelativePositions into the root type `field`. */
export interface PresenceSelection {
  readonly field: string;
  readonly anchor: RelativePositionJSON;
  readonly head: RelativePositionJSON;
}

/** The awareness state of one connection. */
export interface PresenceState {
  readonly user: PresenceUser;
  readonly status: PresenceStatus;
  readonly typing?: PresenceTyping;
  readonly location?: PresenceLocation;
  readonly selection?: PresenceSelection;
}

/** The top-level fields of the schema; an awareness state may carry others beside them (see validatePresence). */
export const PRESENCE_FIELDS = ['user', 'status', 'typing', 'location', 'selection'] as const;

const MAX_STRING = 1000;

const fail = (path: string, message: string): never => {
  throw new ModelError('invalid_presence', `presence ${path}: ${message}`, { path });
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, path: string, max = MAX_STRING): string =>
  typeof v === 'string' && v.length > 0 && v.length <= max
    ? v
    : fail(path, `must be a non-empty string of at most ${max} characters`);
const idPair = (v: unknown): boolean => isObject(v) && Number.isInteger(v.client) && Number.isInteger(v.clock);

const relPos = (v: unknown, path: string): RelativePositionJSON => {
  if (!isObject(v)) return fail(path, 'must be a relative position object');
  const ok =
    (v.item === undefined || v.item === null || idPair(v.item)) &&
    (v.type === undefined || v.type === null || idPair(v.type)) &&
    (v.tname === undefined || v.tname === null || typeof v.tname === 'string') &&
    (v.assoc === undefined || Number.isInteger(v.assoc));
  return ok ? v : fail(path, 'is not a Yjs RelativePosition JSON');
};

const user = (v: unknown): PresenceUser => {
  if (!isObject(v)) return fail('user', 'must be an object');
  const color = text(v.color, 'user.color', 32);
  if (!/^#[0-9a-fA-F]{6}$/.test(color) && !isHighlightColor(color))
    fail('user.color', 'must be #rrggbb or a palette color');
  return { id: text(v.id, 'user.id', 200), name: text(v.name, 'user.name', 100), color };
};

/**
 * Checks an awareness state against the schema; returns the typed fields only, or throws ModelError
 * `invalid_presence`. Fields outside the schema (an editor binding's `cursor`, say) are left out of
 * the result, never a reason to refuse the state: they share the awareness state with ours.
 */
export const validatePresence = (value: unknown): PresenceState => {
  if (!isObject(value)) return fail('state', 'must be an object');
  const status = value.status;
  if (!(PRESENCE_STATUSES as readonly unknown[]).includes(status))
    fail('status', `must be one of ${PRESENCE_STATUSES.join(', ')}`);
  const state: { -readonly [K in keyof PresenceState]: PresenceState[K] } = {
    user: user(value.user),
    status: status as PresenceStatus,
  };
  const { typing, location, selection } = value;
  if (typing !== undefined) {
    if (!isObject(typing) || !Number.isFinite(typing.until)) fail('typing', 'must be { noteId, until }');
    state.typing = {
      noteId: text((typing as Record<string, unknown>).noteId, 'typing.noteId', 200),
      until: (typing as { until: number }).until,
    };
  }
  if (location !== undefined) {
    if (!isObject(location)) fail('location', 'must be { ref, label? }');
    const loc = location as Record<string, unknown>;
    state.location = {
      ref: text(loc.ref, 'location.ref'),
      ...(loc.label !== undefined ? { label: text(loc.label, 'location.label') } : {}),
    };
  }
  if (selection !== undefined) {
    if (!isObject(selection)) fail('selection', 'must be { field, anchor, head }');
    const sel = selection as Record<string, unknown>;
    state.selection = {
      field: text(sel.field, 'selection.field', 200),
      anchor: relPos(sel.anchor, 'selection.anchor'),
      head: relPos(sel.head, 'selection.head'),
    };
  }
  return state;
};

export const isValidPresence = (value: unknown): value is PresenceState => {
  try {
    validatePresence(value);
    return true;
  } catch (error) {
    if (error instanceof ModelError) return false;
    throw error;
  }
};

/** JSON text of a validated state (what goes over the wire inside an awareness update). */
export const encodePresence = (state: PresenceState): string => JSON.stringify(validatePresence(state));

/** Parses and validates JSON text; throws ModelError `invalid_presence` for bad JSON too. */
export const decodePresence = (json: string): PresenceState => {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    return fail('state', `is not JSON (${String(cause)})`);
  }
  return validatePresence(value);
};

/** The state with a typing indicator for `noteId` that expires `ttlMs` after `now`. */
export const withTyping = (
  state: PresenceState,
  noteId: string,
  now: number,
  ttlMs = TYPING_TTL_MS,
): PresenceState => ({
  ...state,
  typing: { noteId, until: now + ttlMs },
});

/** The state without a typing indicator. */
export const withoutTyping = (state: PresenceState): PresenceState => {
  const { typing: _typing, ...rest } = state;
  return rest;
};

/** Whether the state shows typing at `now` (in `noteId`, when given); expired indicators count as not typing. */
export const isTyping = (state: PresenceState, now: number, noteId?: string): boolean =>
  state.typing !== undefined && state.typing.until > now && (noteId === undefined || state.typing.noteId === noteId);
