import * as Y from 'yjs';
import { updateReach, type UpdateReach } from './update-reach.js';

/** The outcome of checking client bytes before they may touch a live document. */
export type UpdateCheck =
  | { readonly ok: true; readonly empty: boolean; readonly reach: UpdateReach }
  | { readonly ok: false; readonly problem: string };

/**
 * Decodes a client's Yjs update (V1 encoding only) whole, at a cost proportional to the update.
 * Truncated, half-valid or otherwise malformed bytes fail here, before anything is applied:
 * Yjs would integrate the valid head of such an update into a live doc and then throw.
 * `empty` is true for an update that carries neither structs nor deletions (e.g. `[0, 0]`); `reach`
 * tells when a document holds all of it (see update-reach.ts).
 */
export function checkUpdate(update: Uint8Array): UpdateCheck {
  if (update.length === 0) return { ok: false, problem: 'empty update bytes' };
  try {
    const decoded = decodeWhole(update);
    if (decoded === undefined) return { ok: false, problem: 'trailing bytes after the update (V2 encoding?)' };
    return { ok: true, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0, reach: updateReach(decoded) };
  } catch (error) {
    return { ok: false, problem: `malformed update: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * `Y.decodeUpdate` ignores bytes after the delete set, so a V2-encoded update (which starts
 * with a 0 byte) decodes as an empty V1 update. Reading with a decoder we can see lets us demand
 * that every byte was consumed. Undefined when bytes are left over.
 */
function decodeWhole(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> | undefined {
  let rest: { pos: number } | undefined;
  class WholeUpdateDecoder extends Y.UpdateDecoderV1 {
    constructor(decoder: ConstructorParameters<typeof Y.UpdateDecoderV1>[0]) {
      super(decoder);
      rest = decoder;
    }
  }
  const decoded = Y.decodeUpdateV2(update, WholeUpdateDecoder);
  return rest !== undefined && rest.pos === update.length ? decoded : undefined;
}

/** Decodes a client's state vector; undefined when the bytes are not a valid one. */
export function checkStateVector(stateVector: Uint8Array): Map<number, number> | undefined {
  try {
    return Y.decodeStateVector(stateVector);
  } catch (error) {
    if (error instanceof Error) return undefined;
    throw error;
  }
}

/** Bytes Yjs currently holds pending in `doc` (structs and deletions with missing dependencies). */
export function pendingBytes(doc: Y.Doc): number {
  const store = doc.store;
  return (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
}

export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}
