import * as encoding from 'lib0/encoding';
import { createByteReader } from './byte-reader.js';
import { jsonDeeperThan } from './json-depth.js';
import { ProtocolError } from './protocol-error.js';

/** One client's entry in an awareness update. `state: null` means the client went away. */
export interface AwarenessEntry {
  readonly clientID: number;
  readonly clock: number;
  readonly state: unknown;
}

/**
 * The largest clock an awareness entry may carry. A client leaving is announced with its clock
 * plus one (y-protocols' removal), which must still be a safe integer: a clock at
 * `Number.MAX_SAFE_INTEGER` would make that removal unencodable.
 */
export const MAX_AWARENESS_CLOCK = Number.MAX_SAFE_INTEGER - 1;

/**
 * The deepest nesting of objects and arrays an awareness state may have, checked on the JSON text
 * before it is parsed. Real presence (user, cursor, selection) nests a handful of levels; a state
 * nested thousands deep parses but overflows the stack wherever it is stringified again.
 */
export const MAX_AWARENESS_DEPTH = 32;

/** A decoded entry with its state's JSON text as sent (what a relay stores and forwards). */
export interface DecodedAwarenessEntry extends AwarenessEntry {
  readonly json: string;
}

export interface AwarenessDecodeOptions {
  /** Deepest nesting allowed in a state (default {@link MAX_AWARENESS_DEPTH}); deeper throws `awareness_too_deep`. */
  readonly maxDepth?: number;
}

/**
 * Decodes the payload of an awareness frame (y-protocols' `encodeAwarenessUpdate` layout:
 * varUint count, then per entry varUint clientID, varUint clock, varString JSON state).
 * Clocks above `MAX_AWARENESS_CLOCK` are refused, so that every decoded entry can be removed again.
 * Throws only `ProtocolError`: `awareness_too_deep` for a state nested past `maxDepth` (checked
 * before parsing), `invalid_awareness` for whatever else went wrong inside.
 */
export function decodeAwarenessUpdate(update: Uint8Array, options?: AwarenessDecodeOptions): AwarenessEntry[] {
  return decodeAwarenessEntries(update, options).map(({ clientID, clock, state }) => ({ clientID, clock, state }));
}

/** {@link decodeAwarenessUpdate}, keeping each state's JSON text. */
export function decodeAwarenessEntries(update: Uint8Array, options?: AwarenessDecodeOptions): DecodedAwarenessEntry[] {
  try {
    return readEntries(update, options?.maxDepth ?? MAX_AWARENESS_DEPTH);
  } catch (error) {
    if (error instanceof ProtocolError && error.code === 'awareness_too_deep') throw error;
    if (error instanceof ProtocolError) {
      throw new ProtocolError('invalid_awareness', `awareness update: ${error.message}`, error.offset);
    }
    throw new ProtocolError('invalid_awareness', `awareness update: ${String(error)}`);
  }
}

function readEntries(update: Uint8Array, maxDepth: number): DecodedAwarenessEntry[] {
  const reader = createByteReader(update);
  const count = reader.readVarUint();
  const entries: DecodedAwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = reader.readVarUint();
    const clockAt = reader.offset;
    const clock = reader.readVarUint();
    if (clock > MAX_AWARENESS_CLOCK) {
      throw new ProtocolError('invalid_awareness', `clock ${clock} is above ${MAX_AWARENESS_CLOCK}`, clockAt);
    }
    const at = reader.offset;
    const json = reader.readVarString();
    if (jsonDeeperThan(json, maxDepth)) {
      throw new ProtocolError('awareness_too_deep', `state nested deeper than ${maxDepth} levels`, at);
    }
    entries.push({ clientID, clock, state: parseState(json, at), json });
  }
  reader.expectEnd();
  return entries;
}

function parseState(json: string, at: number): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch (cause) {
    throw new ProtocolError('invalid_awareness', `state is not JSON (${String(cause)})`, at);
  }
}

/**
 * Encodes entries in y-protocols' awareness update layout (byte-identical to
 * `encodeAwarenessUpdate` for the same clients, clocks and states). Useful to re-encode an
 * update after a relay has checked or filtered its entries. Entries that carry `json` (from
 * {@link decodeAwarenessEntries}) are written with that text as their state.
 */
export function encodeAwarenessUpdate(entries: readonly (AwarenessEntry | DecodedAwarenessEntry)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    if (
      !Number.isSafeInteger(entry.clientID) ||
      entry.clientID < 0 ||
      !Number.isSafeInteger(entry.clock) ||
      entry.clock < 0
    ) {
      throw new ProtocolError('invalid_awareness', 'clientID and clock must be non-negative safe integers');
    }
    encoding.writeVarUint(encoder, entry.clientID);
    encoding.writeVarUint(encoder, entry.clock);
    // A decoded entry's JSON text is written as it came: no stringify (its depth was checked).
    encoding.writeVarString(encoder, 'json' in entry ? entry.json : JSON.stringify(entry.state ?? null));
  }
  return encoding.toUint8Array(encoder);
}
