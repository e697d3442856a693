import type * as Y from 'yjs';

/** Names of the root types the model owns inside a Y.Doc. */
export const ROOT = {
  highlights: 'highlights',
  notes: 'notes',
  authors: 'authors',
  people: 'people',
  readMarkers: 'readMarkers',
  readItems: 'readItems',
  tombstones: 'tombstones',
  meta: 'meta',
} as const;

/** The model's root types of one doc. */
export interface DocRoots {
  readonly highlights: Y.Map<Y.Map<unknown>>;
  readonly notes: Y.Map<Y.Map<unknown>>;
  readonly authors: Y.Map<string>;
  /** user id -> { name, color? } (see people.ts) */
  readonly people: Y.Map<unknown>;
  readonly readMarkers: Y.Map<unknown>;
  /** `<userId>\n<itemId>` -> base64 state vector of the record's items the user had seen (per-item read state). */
  readonly readItems: Y.Map<unknown>;
  readonly tombstones: Y.Map<unknown>;
  readonly meta: Y.Map<unknown>;
}

export const getRoots = (doc: Y.Doc): DocRoots => ({
  highlights: doc.getMap(ROOT.highlights),
  notes: doc.getMap(ROOT.notes),
  authors: doc.getMap(ROOT.authors),
  people: doc.getMap(ROOT.people),
  readMarkers: doc.getMap(ROOT.readMarkers),
  readItems: doc.getMap(ROOT.readItems),
  tombstones: doc.getMap(ROOT.tombstones),
  meta: doc.getMap(ROOT.meta),
});

/** The Yjs item that currently holds `key` of a map (its id tells who wrote it, and when in causal order). */
export const mapKeyItem = (map: Y.Map<unknown>, key: string): Y.Item | undefined => {
  const item = map._map.get(key);
  return item !== undefined && !item.deleted ? item : undefined;
};

/** The clientID that wrote the current value of `key`, if any. */
export const mapKeyClient = (map: Y.Map<unknown>, key: string): number | undefined => mapKeyItem(map, key)?.id.client;
