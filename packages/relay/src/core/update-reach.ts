import * as Y from 'yjs';

/**
 * How far an update reaches, per Yjs client: the end clock of its highest struct or deletion.
 * Once a document's state vector covers an update's reach, every struct of it is integrated and
 * every deletion applied (Yjs holds back exactly what reaches past the state: a struct with a gap or
 * an unknown origin, a deletion of an item not yet there). Skips (gaps in merged updates) carry nothing.
 */
export type UpdateReach = ReadonlyMap<number, number>;

export function updateReach(decoded: ReturnType<typeof Y.decodeUpdate>): UpdateReach {
  const reach = new Map<number, number>();
  const extend = (client: number, end: number): void => {
    if (end > (reach.get(client) ?? 0)) reach.set(client, end);
  };
  for (const struct of decoded.structs)
    if (!(struct instanceof Y.Skip)) extend(struct.id.client, struct.id.clock + struct.length);
  for (const [client, ranges] of decoded.ds.clients)
    for (const range of ranges) extend(client, range.clock + range.len);
  return reach;
}

/** True when `doc` holds all of an update with this reach (nothing of it is pending). */
export function docCovers(doc: Y.Doc, reach: UpdateReach): boolean {
  for (const [client, end] of reach) if (Y.getState(doc.store, client) < end) return false;
  return true;
}

/**
 * What an update writes, per Yjs client id: the end clock of its structs (items and GC ranges;
 * skips carry nothing) and, apart, of its deletions. Authorship is judged on these (owner-gate.ts).
 */
export interface UpdateWrites {
  readonly structs: UpdateReach;
  readonly deletions: UpdateReach;
}

export function updateWrites(decoded: ReturnType<typeof Y.decodeUpdate>): UpdateWrites {
  const structs = new Map<number, number>();
  const deletions = new Map<number, number>();
  const extend = (ends: Map<number, number>, client: number, end: number): void => {
    if (end > (ends.get(client) ?? 0)) ends.set(client, end);
  };
  for (const struct of decoded.structs)
    if (!(struct instanceof Y.Skip)) extend(structs, struct.id.client, struct.id.clock + struct.length);
  for (const [client, ranges] of decoded.ds.clients)
    for (const range of ranges) extend(deletions, client, range.clock + range.len);
  return { structs, deletions };
}

/** The client ids whose end in `ends` reaches past what `doc` holds for them. */
export function clientsPast(doc: Y.Doc, ends: UpdateReach): number[] {
  const past: number[] = [];
  for (const [client, end] of ends) if (end > Y.getState(doc.store, client)) past.push(client);
  return past;
}

/** A connection's update-carrying messages whose content the document still holds pending. */
export interface UnresolvedMessages {
  /** The connection's count of update-carrying frames (the message numbers acks refer to). */
  readonly updateCount: number;
  /** The highest message number up to which nothing is pending: what an ack may cover. */
  cleanCount: number;
  readonly unresolved: { readonly index: number; readonly reach: UpdateReach }[];
}

/** Records the connection's latest message (number `updateCount`) as pending unless the doc covers it. */
export function noteMessage(doc: Y.Doc, connection: UnresolvedMessages, reach: UpdateReach): void {
  if (!docCovers(doc, reach)) connection.unresolved.push({ index: connection.updateCount, reach });
}

/**
 * After anything integrated: drops the messages the doc now covers, and moves each connection's
 * `cleanCount` up to just before its first still-pending message. Content another connection left
 * pending (and may never complete) does not hold back anyone else's acks.
 */
export function resolveMessages(doc: Y.Doc, connections: Iterable<UnresolvedMessages>): void {
  for (const c of connections) {
    if (c.unresolved.length > 0) {
      const still = c.unresolved.filter((message) => !docCovers(doc, message.reach));
      c.unresolved.splice(0, c.unresolved.length, ...still);
    }
    c.cleanCount = c.unresolved.length === 0 ? c.updateCount : (c.unresolved[0] as { index: number }).index - 1;
  }
}
