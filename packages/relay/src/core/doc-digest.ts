import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What a relay's loaded copy holds, in a few bytes: its state vector (inserts) and how many items
 * it holds deleted (deletions only grow, GC'd ones included). A copy that lacks an insert has a
 * smaller clock somewhere; one that lacks a deletion (an update of deletions only does not move the
 * state vector) has a smaller count once it has every insert. `[varuint deleted][state vector]`.
 */
export interface DocDigest {
  readonly stateVector: Map<number, number>;
  readonly deleted: number;
}

export function digestDoc(doc: Y.Doc): DocDigest {
  let deleted = 0;
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) if (struct.deleted) deleted += struct.length;
  }
  return { stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)), deleted };
}

export function encodeDigest(digest: DocDigest): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, digest.deleted);
  encoding.writeVarUint(encoder, digest.stateVector.size);
  for (const [client, clock] of digest.stateVector) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/** Throws on bytes that are not a digest (they come from another relay: a bug, not an attack). */
export function decodeDigest(bytes: Uint8Array): DocDigest {
  const decoder = decoding.createDecoder(bytes);
  const deleted = decoding.readVarUint(decoder);
  const stateVector = new Map<number, number>();
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    stateVector.set(decoding.readVarUint(decoder), decoding.readVarUint(decoder));
  }
  if (decoder.pos !== bytes.byteLength) throw new Error('trailing bytes after a document digest');
  return { stateVector, deleted };
}

/** What `local` lacks of `remote`: `inserts` (a smaller clock), `deletions`, or nothing. */
export function lacks(local: DocDigest, remote: DocDigest): 'inserts' | 'deletions' | undefined {
  for (const [client, clock] of remote.stateVector) if ((local.stateVector.get(client) ?? 0) < clock) return 'inserts';
  return local.deleted < remote.deleted ? 'deletions' : undefined;
}
