import * as Y from 'yjs';
import { mapKeyItem } from './doc-layout.js';
import { readHighlight, readNote, type Tombstone } from './records.js';
import type { Authorship } from './authorship.js';
import type { ChangeType } from './change-event.js';
import type { StoredAnchor } from './anchor-types.js';
import type { ModelContext } from './model-context.js';

/** One thing someone did, read from the doc itself (so the feed survives reloads and is the same on every device). */
export interface ActivityEntry {
  /** Stable key: `<type>:<record id>`. */
  readonly key: string;
  readonly type: ChangeType;
  /** The highlight or note id. */
  readonly id: string;
  readonly userId: string;
  readonly at: number;
  /** The highlight to jump to (a note's highlight), when it still exists. */
  readonly highlightId?: string;
  /** Where it was: the words and the anchor (also for deleted things). */
  readonly quote?: string;
  readonly anchor?: StoredAnchor;
  /** For notes: everyone who wrote in the body, in order of first appearance ("edited by"). */
  readonly editors?: readonly string[];
}

export interface Activity {
  /** Every entry, newest first. */
  list(): ActivityEntry[];
  /** Called after transactions that changed highlights, notes or tombstones. Returns the unsubscribe function. */
  observe(listener: () => void): () => void;
}

/** Whether `key` was written after the record's creation (a later transaction, or another client). */
const writtenLater = (record: Y.Map<unknown>, key: string): boolean => {
  const item = mapKeyItem(record, key);
  const created = mapKeyItem(record, 'createdAt');
  return (
    item !== undefined &&
    created !== undefined &&
    (item.id.client !== created.id.client || item.id.clock > created.id.clock)
  );
};

/** Edits by the note's author within this long of creating it are part of writing it, not an edit. */
const WRITING_MS = 1000;

export const createActivity = (ctx: ModelContext, authorship: Authorship): Activity => {
  const { roots, doc } = ctx;
  const list = (): ActivityEntry[] => {
    const out: ActivityEntry[] = [];
    const push = (entry: Omit<ActivityEntry, 'key'>): void => {
      if (entry.userId !== '') out.push({ key: `${entry.type}:${entry.id}`, ...entry });
    };
    for (const map of roots.highlights.values()) {
      if (!(map instanceof Y.Map)) continue;
      const h = readHighlight(map);
      const where = { highlightId: h.id, ...(h.quote !== undefined ? { quote: h.quote } : {}), anchor: h.anchor };
      push({ type: 'highlight.created', id: h.id, userId: h.createdBy, at: h.createdAt, ...where });
      if (writtenLater(map, 'color') || writtenLater(map, 'anchor'))
        push({ type: 'highlight.updated', id: h.id, userId: h.updatedBy, at: h.updatedAt, ...where });
    }
    for (const map of roots.notes.values()) {
      if (!(map instanceof Y.Map)) continue;
      const n = readNote(map);
      const live = n.highlightId !== undefined && roots.highlights.get(n.highlightId) instanceof Y.Map;
      const where = {
        ...(live ? { highlightId: n.highlightId } : {}),
        ...(n.about?.quote !== undefined ? { quote: n.about.quote } : {}),
        ...(n.about?.anchor !== undefined ? { anchor: n.about.anchor } : {}),
      };
      push({ type: 'note.created', id: n.id, userId: n.createdBy, at: n.createdAt, ...where });
      const body = map.get('body');
      const editors =
        body instanceof Y.Text
          ? [...new Set(authorship.spans(body).flatMap((s) => (s.userId === null ? [] : [s.userId])))]
          : [];
      if (n.updatedBy !== n.createdBy || n.updatedAt - n.createdAt > WRITING_MS) {
        push({ type: 'note.edited', id: n.id, userId: n.updatedBy, at: n.updatedAt, ...where, editors });
      }
    }
    for (const [id, value] of roots.tombstones.entries()) {
      const t = value as Tombstone;
      if (typeof t !== 'object' || t === null || typeof t.by !== 'string') continue;
      push({
        type: `${t.kind}.deleted`,
        id,
        userId: t.by,
        at: t.at,
        ...(t.quote !== undefined ? { quote: t.quote } : {}),
        ...(t.anchor !== undefined ? { anchor: t.anchor } : {}),
      });
    }
    return out.sort((a, b) => b.at - a.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };
  const watched = [roots.highlights, roots.notes, roots.tombstones] as Array<Y.AbstractType<any>>;
  return {
    list,
    observe: (listener) => {
      const handler = (tx: Y.Transaction): void => {
        if (watched.some((type) => tx.changedParentTypes.has(type))) listener();
      };
      doc.on('afterTransaction', handler);
      return () => doc.off('afterTransaction', handler);
    },
  };
};
