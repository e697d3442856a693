import * as Y from 'yjs';
import type { StoredAnchor } from './anchor-types.js';
import type { HighlightColor } from './colors.js';
import { readAbout, type NoteAbout } from './note-about.js';

/** A highlight as read from the doc. */
export interface Highlight {
  readonly id: string;
  readonly anchor: StoredAnchor;
  readonly color: HighlightColor;
  readonly noteId?: string;
  /** The words the highlight covered when it was made (or re-anchored); kept when they are deleted. */
  readonly quote?: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedBy: string;
  readonly updatedAt: number;
}

/** A note as read from the doc (the body as a string; use `notes.body(id)` for the live Y.Text). */
export interface Note {
  readonly id: string;
  readonly body: string;
  readonly highlightId?: string;
  /** The highlight this note was last linked to, with its anchor and words: kept when that highlight is gone. */
  readonly about?: NoteAbout;
  readonly tags: string[];
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedBy: string;
  readonly updatedAt: number;
}

/** Deleted highlights and notes leave a small record, so a deletion can be attributed and counted as unread. */
export interface Tombstone {
  readonly kind: 'highlight' | 'note';
  readonly by: string;
  readonly at: number;
  /** The Yjs id of the deleted record's map, to tell whether it existed before a read marker. */
  readonly created: { readonly client: number; readonly clock: number };
  /** The words and anchor of a deleted highlight (or of a deleted note's highlight), so the activity feed can say where. */
  readonly quote?: string;
  readonly anchor?: StoredAnchor;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

export const readHighlight = (map: Y.Map<unknown>): Highlight => {
  const noteId = map.get('noteId');
  const quote = map.get('quote');
  return {
    id: str(map.get('id')),
    anchor: map.get('anchor') as StoredAnchor,
    color: map.get('color') as HighlightColor,
    ...(typeof noteId === 'string' ? { noteId } : {}),
    ...(typeof quote === 'string' ? { quote } : {}),
    createdBy: str(map.get('createdBy')),
    createdAt: num(map.get('createdAt')),
    updatedBy: str(map.get('updatedBy')),
    updatedAt: num(map.get('updatedAt')),
  };
};

/** Tags are a Y.Array (concurrent adds of one tag may both land): read them as a set, in first-seen order. */
export const readTags = (tags: unknown): string[] =>
  tags instanceof Y.Array ? [...new Set(tags.toArray().filter((t): t is string => typeof t === 'string'))] : [];

export const readNote = (map: Y.Map<unknown>): Note => {
  const body = map.get('body');
  const highlightId = map.get('highlightId');
  const about = readAbout(map.get('about'));
  return {
    id: str(map.get('id')),
    body: body instanceof Y.Text ? body.toString() : '',
    ...(typeof highlightId === 'string' ? { highlightId } : {}),
    ...(about !== undefined ? { about } : {}),
    tags: readTags(map.get('tags')),
    createdBy: str(map.get('createdBy')),
    createdAt: num(map.get('createdAt')),
    updatedBy: str(map.get('updatedBy')),
    updatedAt: num(map.get('updatedAt')),
  };
};

/** Sorted by creation time, then id, so every replica lists in the same order. */
export const byCreation = <T extends { createdAt: number; id: string }>(a: T, b: T): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const stamp = (map: Y.Map<unknown>, userId: string, at: number): void => {
  map.set('updatedBy', userId);
  map.set('updatedAt', at);
};

export const writeTombstone = (
  tombstones: Y.Map<unknown>,
  id: string,
  kind: Tombstone['kind'],
  record: Y.Map<unknown>,
  by: string,
  at: number,
): void => {
  const item = record._item;
  const created = item === null ? { client: 0, clock: 0 } : { client: item.id.client, clock: item.id.clock };
  const about = kind === 'note' ? readAbout(record.get('about')) : undefined;
  const quote = kind === 'highlight' ? record.get('quote') : about?.quote;
  const anchor = kind === 'highlight' ? record.get('anchor') : about?.anchor;
  const tombstone: Tombstone = {
    kind,
    by,
    at,
    created,
    ...(typeof quote === 'string' ? { quote } : {}),
    ...(typeof anchor === 'object' && anchor !== null
      ? { anchor: JSON.parse(JSON.stringify(anchor)) as StoredAnchor }
      : {}),
  };
  tombstones.set(id, tombstone);
};
