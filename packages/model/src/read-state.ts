import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import type { DocRoots } from './doc-layout.js';

export type StateVector = Map<number, number>;

/** A user's last-read marker, stored in the doc's `readMarkers` map under their user id. */
export interface ReadMarker {
  /** Base64 of the Yjs state vector the user had seen (merged across their devices). */
  readonly stateVector: string;
  readonly at: number;
}

const decode = (encoded: unknown): StateVector =>
  typeof encoded === 'string' ? Y.decodeStateVector(fromBase64(encoded)) : new Map();

const merge = (into: StateVector, from: StateVector): StateVector => {
  for (const [client, clock] of from) if (clock > (into.get(client) ?? 0)) into.set(client, clock);
  return into;
};

const covers = (big: StateVector, small: StateVector): boolean =>
  [...small].every(([client, clock]) => (big.get(client) ?? 0) >= clock);

export const itemKey = (userId: string, itemId: string): string => `${userId}\n${itemId}`;

/**
 * One user's read state in the doc: a doc-wide marker (everything up to a state vector is read) and per-item
 * markers (what of one record the user has seen). Both are plain values, so they sync to the user's other devices.
 */
export const createReadState = (roots: DocRoots, userId: string) => {
  const global = (): StateVector =>
    decode((roots.readMarkers.get(userId) as Partial<ReadMarker> | undefined)?.stateVector);
  return {
    global,
    /** What the user has seen of one record: the doc-wide marker merged with the record's own marker. */
    seenOf: (itemId: string, base: StateVector): StateVector => {
      const own = roots.readItems.get(itemKey(userId, itemId));
      return own === undefined ? base : merge(new Map(base), decode(own));
    },
    writeItem: (itemId: string, version: StateVector): void => {
      const key = itemKey(userId, itemId);
      const current = decode(roots.readItems.get(key));
      if (covers(global(), version) || covers(current, version)) return;
      roots.readItems.set(key, toBase64(Y.encodeStateVector(merge(current, version))));
    },
    writeGlobal: (docState: StateVector, at: number): void => {
      const merged = merge(global(), docState);
      const marker: ReadMarker = { stateVector: toBase64(Y.encodeStateVector(merged)), at };
      roots.readMarkers.set(userId, marker);
      // Per-item markers the new doc-wide one covers are no longer needed.
      const prefix = itemKey(userId, '');
      for (const [key, value] of [...roots.readItems.entries()]) {
        if (key.startsWith(prefix) && covers(merged, decode(value))) roots.readItems.delete(key);
      }
    },
  };
};
