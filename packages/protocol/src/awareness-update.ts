import * as encoding from 'lib0/encoding';
import { createByteReader } from './byte-reader.js';
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
 * Decodes the payload of an awareness frame (y-protocols' `encodeAwarenessUpdate` layout:
 * varUint count, then per entry varUint clientID, varUint clock, varString JSON state).
 * Clocks above `MAX_AWARENESS_CLOCK` are refused, so that every decoded entry can be removed again.
 * Throws only `ProtocolError` with code `invalid_awareness`, whatever went wrong inside.
 */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    return readEntries(update);
  } catch (error) {
    if (error instanceof ProtocolError) {
      throw new ProtocolError('invalid_awareness', `awareness update: ${error.message}`, error.offset);
    }
    throw new ProtocolError('invalid_awareness', `awareness update: ${String(error)}`);
  }
}

function readEntries(update: Uint8Array): AwarenessEntry[] {
  const reader = createByteReader(update);
  const count = reader.readVarUint();
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = reader.readVarUint();
    const clockAt = reader.offset;
    const clock = reader.readVarUint();
    if (clock > MAX_AWARENESS_CLOCK) {
      throw new ProtocolError('invalid_awareness', `clock ${clock} is above ${MAX_AWARENESS_CLOCK}`, clockAt);
    }
    const at = reader.offset;
    const json = reader.readVarString();
    entries.push({ clientID, clock, state: parseState(json, at) });
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
 * update after a relay has checked or filtered its entries.
 */
export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.clientID) || entry.clientID < 0 || !Number.isSafeInteger(entry.clock) || entry.clock < 0) {
      throw new ProtocolError('invalid_awareness', 'clientID and clock must be non-negative safe integers');
    }
    encoding.writeVarUint(encoder, entry.clientID);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state ?? null));
  }
  return encoding.toUint8Array(encoder);
}
