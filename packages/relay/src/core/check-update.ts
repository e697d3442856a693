import * as Y from 'yjs';
import { parkedBytes, parkedRanges } from './parked-deletes.js';
import { pastSafeLimit } from './safe-integers.js';
import { updateReach, updateWrites, type UpdateReach, type UpdateWrites } from './update-reach.js';

/** Why client bytes were refused: malformed, a subdocument, or more structs than the document may still take. */
export type UpdateRefusal = 'bad_update' | 'subdocument' | 'too_many_items';

/** The outcome of checking client bytes before they may touch a live document. */
export type UpdateCheck =
  | {
      readonly ok: true;
      readonly empty: boolean;
      readonly reach: UpdateReach;
      /** Its structs' and deletions' ends per client id, for the authorship rule. */
      readonly writes: UpdateWrites;
      /** The decoded structs (for the conflict estimate, conflict-steps.ts). */
      readonly structs: readonly (Y.Item | Y.GC | Y.Skip)[];
      /** How many of the update's structs `doc` does not hold yet (what integrating it would add). */
      newStructs(doc: Y.Doc): number;
    }
  | { readonly ok: false; readonly refusal: UpdateRefusal; readonly problem: string };

/** Yjs' content ref of a subdocument (`ContentDoc`): the low five bits of a struct's info byte. */
const CONTENT_DOC = 9;

/** Thrown from inside the decoder to stop decoding at once (before Yjs builds what comes next). */
class StopDecoding extends Error {
  constructor(
    readonly refusal: UpdateRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Decodes a client's Yjs update (V1 encoding only) whole, at a cost proportional to the update.
 * Truncated, half-valid or otherwise malformed bytes fail here, before anything is applied:
 * Yjs would integrate the valid head of such an update into a live doc and then throw.
 * `empty` is true for an update that carries neither structs nor deletions (e.g. `[0, 0]`); `reach`
 * tells when a document holds all of it (see update-reach.ts).
 */
export function checkUpdate(update: Uint8Array, maxStructs = Number.POSITIVE_INFINITY): UpdateCheck {
  if (update.length === 0) return { ok: false, refusal: 'bad_update', problem: 'empty update bytes' };
  try {
    const decoded = decodeWhole(update, maxStructs);
    if (decoded === undefined)
      return { ok: false, refusal: 'bad_update', problem: 'trailing bytes after the update (V2 encoding?)' };
    if (hasEmptyDeletion(decoded.ds))
      return { ok: false, refusal: 'bad_update', problem: 'a deletion range of length 0' };
    if (decoded.structs.some((struct) => struct.length === 0))
      return { ok: false, refusal: 'bad_update', problem: 'a struct of length 0' };
    const pastLimit = pastSafeLimit(decoded);
    if (pastLimit !== undefined) return { ok: false, refusal: 'bad_update', problem: pastLimit };
    const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0;
    return {
      ok: true,
      empty,
      reach: updateReach(decoded),
      writes: updateWrites(decoded),
      structs: decoded.structs,
      newStructs: (doc) => countNew(decoded.structs, doc),
    };
  } catch (error) {
    if (error instanceof StopDecoding) return { ok: false, refusal: error.refusal, problem: error.message };
    return {
      ok: false,
      refusal: 'bad_update',
      problem: `malformed update: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * `Y.decodeUpdate` ignores bytes after the delete set, so a V2-encoded update (which starts
 * with a 0 byte) decodes as an empty V1 update. Reading with a decoder we can see lets us demand
 * that every byte was consumed. Undefined when bytes are left over. The decoder also sees each
 * struct's info byte before Yjs builds the struct: it stops at a subdocument (Yjs would construct
 * a whole Y.Doc for each, hundreds of times the bytes) and past `maxStructs` structs.
 */
function decodeWhole(update: Uint8Array, maxStructs: number): ReturnType<typeof Y.decodeUpdate> | undefined {
  wholeDecoding.maxStructs = maxStructs;
  wholeDecoding.structs = 0;
  wholeDecoding.rest = undefined;
  try {
    const decoded = Y.decodeUpdateV2(update, WholeUpdateDecoder);
    const rest = wholeDecoding.rest as { pos: number } | undefined;
    return rest !== undefined && rest.pos === update.length ? decoded : undefined;
  } finally {
    wholeDecoding.rest = undefined;
  }
}

/**
 * The state of the decode under way. Decoding is synchronous, so one module-level record serves
 * every call: the decoder class is defined once (a class per call gave every decode new hidden
 * classes, which made the property accesses inside Yjs' decoding megamorphic, for the live
 * document's `applyUpdate` too).
 */
const wholeDecoding: { maxStructs: number; structs: number; rest: { pos: number } | undefined } = {
  maxStructs: Number.POSITIVE_INFINITY,
  structs: 0,
  rest: undefined,
};

class WholeUpdateDecoder extends Y.UpdateDecoderV1 {
  constructor(decoder: ConstructorParameters<typeof Y.UpdateDecoderV1>[0]) {
    super(decoder);
    wholeDecoding.rest = decoder;
  }

  override readInfo(): number {
    const info = super.readInfo();
    if ((info & 0x1f) === CONTENT_DOC) throw new StopDecoding('subdocument', 'subdocuments are not accepted');
    wholeDecoding.structs += 1;
    if (wholeDecoding.structs > wholeDecoding.maxStructs)
      throw new StopDecoding('too_many_items', `more than ${wholeDecoding.maxStructs} structs`);
    return info;
  }
}

/**
 * Yjs never writes a struct or a deletion range of length 0 (a struct of length 0 would sit in the
 * struct store beside the struct at its clock, which Yjs' binary search cannot tell apart).
 * Integrating a deletion range of length 0 throws ("Unexpected case")
 * after the live document has begun the transaction: it would fail the room for every connection.
 */
function hasEmptyDeletion(ds: ReturnType<typeof Y.decodeUpdate>['ds']): boolean {
  for (const ranges of ds.clients.values()) if (ranges.some((range) => range.len === 0)) return true;
  return false;
}

/** Decodes a client's state vector; undefined when the bytes are not a valid one (entries past 2^53 - 1 too). */
export function checkStateVector(stateVector: Uint8Array): Map<number, number> | undefined {
  try {
    const vector = Y.decodeStateVector(stateVector);
    for (const [client, clock] of vector)
      if (client > Number.MAX_SAFE_INTEGER || clock > Number.MAX_SAFE_INTEGER) return undefined;
    return vector;
  } catch (error) {
    if (error instanceof Error) return undefined;
    throw error;
  }
}

/** Bytes `doc` holds pending (structs and deletions with missing dependencies, parked deletions too). */
export function pendingBytes(doc: Y.Doc): number {
  const store = doc.store;
  return (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0) + parkedBytes(doc);
}

/** Structs not yet in `doc` (a resent struct that the doc already holds adds nothing). */
function countNew(structs: ReturnType<typeof Y.decodeUpdate>['structs'], doc: Y.Doc): number {
  let fresh = 0;
  for (const struct of structs) {
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) fresh += 1;
  }
  return fresh;
}

/** Structs (items and GC ranges) the document holds in memory: what its cost grows with. */
export function structCount(doc: Y.Doc): number {
  let count = 0;
  for (const structs of doc.store.clients.values()) count += structs.length;
  return count;
}

export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null || parkedRanges(doc) > 0;
}
