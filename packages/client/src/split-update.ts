import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

/** A run of one client's clock range, encoded as V1 struct bytes (position-independent in V1). */
interface Piece {
  readonly client: number;
  readonly clock: number;
  readonly length: number;
  readonly bytes: Uint8Array;
}

/** Room left in a chunk for its headers: client count, and per client group its count, id and clock. */
const CHUNK_OVERHEAD = 8;
const GROUP_OVERHEAD = 24;
/** What a frame needs besides its update: room kept free in every chunk (message type, sync type, length). */
export const FRAME_OVERHEAD = 16;
/** A delete run's client, clock and length, as varUints (upper bound). */
const DELETE_RUN_MAX = 24;

/**
 * Splits a Yjs (V1) update into updates of at most `maxBytes` each that, applied in order, give the same
 * document as the whole: every struct keeps its id, origins and content, long ones are cut into runs
 * (never inside a surrogate pair, which Yjs would turn into U+FFFD), and the delete set goes last. An
 * update that already fits is returned as is. Cost is proportional to the update. Throws on bytes that
 * are not an update; a struct that cannot be cut (an embed, a format, a binary) larger than `maxBytes`
 * throws a RangeError: the caller refuses such a change at edit time.
 */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (update.byteLength <= maxBytes) return [update];
  const budget = maxBytes - CHUNK_OVERHEAD - GROUP_OVERHEAD;
  if (budget < 64) throw new RangeError(`a frame of ${maxBytes} bytes is too small to carry updates`);
  const { structs, ds } = Y.decodeUpdate(update);
  const pieces = structs.flatMap((struct) => cut(struct, 0, struct.length, budget));
  const chunks = pack(pieces, budget);
  // The delete set goes last (it may name items of any chunk), filling the last chunk, then new ones.
  const last: Chunk & { deletes: DeleteRun[] } = { ...(chunks.pop() ?? { pieces: [], size: 0 }), deletes: [] };
  const out = chunks.map((chunk) => encodeChunk(chunk.pieces, []));
  for (const run of deleteRuns(ds)) {
    if (last.size + DELETE_RUN_MAX > budget) {
      out.push(encodeChunk(last.pieces, last.deletes));
      Object.assign(last, { pieces: [], size: 0, deletes: [] });
    }
    last.deletes.push(run);
    last.size += DELETE_RUN_MAX;
  }
  out.push(encodeChunk(last.pieces, last.deletes));
  return out;
}

/**
 * Encodes `struct` restricted to [start, end) of its clock range; when that exceeds `budget`, cuts it into
 * runs sized by its average bytes per clock unit (one more encode each), halving any that still do not fit.
 */
function cut(
  struct: Y.Item | Y.GC | Y.Skip,
  start: number,
  end: number,
  budget: number,
  bytes = encodeRange(struct, start, end),
): Piece[] {
  if (bytes.byteLength <= budget)
    return [{ client: struct.id.client, clock: struct.id.clock + start, length: end - start, bytes }];
  if (!canCut(struct) || end - start < 2) {
    throw new RangeError(
      `one ${struct.constructor.name} of ${bytes.byteLength} bytes does not fit a frame of ${budget} bytes`,
    );
  }
  const step = Math.max(
    1,
    Math.min(Math.floor((end - start) / 2), Math.floor(((end - start) * budget * 0.9) / bytes.byteLength)),
  );
  const pieces: Piece[] = [];
  for (let at = start; at < end;) {
    const next = at + step >= end ? end : Math.max(at + 1, safeCut(struct, at + step));
    pieces.push(...cut(struct, at, next, budget));
    at = next;
  }
  return pieces;
}

/** True when the struct can be sent in runs (text, JSON values, deleted ranges); false for one embed, format, binary, type. */
export function canCut(struct: Y.Item | Y.GC | Y.Skip): boolean {
  if (!(struct instanceof Y.Item)) return true;
  const content = struct.content;
  return (
    content instanceof Y.ContentString ||
    content instanceof Y.ContentAny ||
    content instanceof Y.ContentJSON ||
    content instanceof Y.ContentDeleted
  );
}

/** Moves a cut off the middle of a surrogate pair of a string item. */
function safeCut(struct: Y.Item | Y.GC | Y.Skip, at: number): number {
  if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return at;
  const code = struct.content.str.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** The V1 bytes of `struct` restricted to [start, end) of its clock range. */
export function encodeRange(struct: Y.Item | Y.GC | Y.Skip, start: number, end: number): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const id = Y.createID(struct.id.client, struct.id.clock);
  if (struct instanceof Y.GC) new Y.GC(Y.createID(id.client, id.clock + start), end - start).write(encoder, 0);
  else if (struct instanceof Y.Skip) new Y.Skip(Y.createID(id.client, id.clock + start), end - start).write(encoder, 0);
  else {
    const content = end === struct.length ? struct.content : struct.content.copy();
    if (end < struct.length) content.splice(end);
    const item = new Y.Item(
      id,
      null,
      struct.origin,
      null,
      struct.rightOrigin,
      struct.parent,
      struct.parentSub,
      content,
    );
    item.write(encoder, start);
  }
  return encoder.toUint8Array();
}

interface Chunk {
  pieces: Piece[];
  size: number;
}

function pack(pieces: readonly Piece[], budget: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { pieces: [], size: 0 };
  for (const piece of pieces) {
    const groupCost = startsGroup(current.pieces, piece) ? GROUP_OVERHEAD : 0;
    if (current.pieces.length > 0 && current.size + groupCost + piece.bytes.byteLength > budget) {
      chunks.push(current);
      current = { pieces: [], size: 0 };
    }
    current.size += piece.bytes.byteLength + (startsGroup(current.pieces, piece) ? GROUP_OVERHEAD : 0);
    current.pieces.push(piece);
  }
  if (current.pieces.length > 0) chunks.push(current);
  return chunks;
}

function startsGroup(pieces: readonly Piece[], piece: Piece): boolean {
  const last = pieces[pieces.length - 1];
  return last === undefined || last.client !== piece.client || last.clock + last.length !== piece.clock;
}

interface DeleteRun {
  readonly client: number;
  readonly clock: number;
  readonly len: number;
}

function deleteRuns(ds: { clients: Map<number, Array<{ clock: number; len: number }>> }): DeleteRun[] {
  return [...ds.clients.entries()].flatMap(([client, items]) =>
    items.map((item) => ({ client, clock: item.clock, len: item.len })),
  );
}

/** A V1 update: the struct groups (contiguous runs per client), then the delete set. */
function encodeChunk(pieces: readonly Piece[], deletes: readonly DeleteRun[]): Uint8Array {
  const groups: Piece[][] = [];
  for (const piece of pieces) {
    const group = groups[groups.length - 1];
    if (group !== undefined && !startsGroup(group, piece)) group.push(piece);
    else groups.push([piece]);
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, groups.length);
  for (const group of groups) {
    const first = group[0] as Piece;
    encoding.writeVarUint(encoder, group.length);
    encoding.writeVarUint(encoder, first.client);
    encoding.writeVarUint(encoder, first.clock);
    for (const piece of group) encoding.writeUint8Array(encoder, piece.bytes);
  }
  const byClient = new Map<number, DeleteRun[]>();
  for (const run of deletes) {
    const runs = byClient.get(run.client);
    if (runs === undefined) byClient.set(run.client, [run]);
    else runs.push(run);
  }
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, runs] of byClient) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, runs.length);
    for (const run of runs) {
      encoding.writeVarUint(encoder, run.clock);
      encoding.writeVarUint(encoder, run.len);
    }
  }
  return encoding.toUint8Array(encoder);
}
