import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Yjs updates an attacker would forge under someone else's client id (for authorship tests).
 * All are V1 encoded, as a stock client sends them.
 */

/**
 * Items under `clientId` at its next clocks: a replica of `state` (what the attacker read, e.g.
 * the whole document) made to write as `clientId`, then `edit` run on it.
 */
export function forgeItems(state: Uint8Array, clientId: number, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  doc.transact(() => edit(doc));
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/** One GC struct covering `length` clocks of `clientId` from `clock` (it erases whatever comes there). */
export function forgeGc(clientId: number, clock: number, length: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // clients with structs
  encoding.writeVarUint(encoder, 1); // structs of this client
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeUint8(encoder, 0); // info: GC
  encoding.writeVarUint(encoder, length);
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

/** A delete set alone: `length` clocks of `clientId` from `clock`, held or not yet written. */
export function forgeDeletion(clientId: number, clock: number, length: number): Uint8Array {
  return forgeDeletions([{ clientId, clock, length }]);
}

/** A delete set alone with one range per entry (client ids distinct). */
export function forgeDeletions(
  ranges: ReadonlyArray<{ readonly clientId: number; readonly clock: number; readonly length: number }>,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, ranges.length); // clients with deletions
  for (const range of ranges) {
    encoding.writeVarUint(encoder, range.clientId);
    encoding.writeVarUint(encoder, 1); // ranges of this client
    encoding.writeVarUint(encoder, range.clock);
    encoding.writeVarUint(encoder, range.length);
  }
  return encoding.toUint8Array(encoder);
}
