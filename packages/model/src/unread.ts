import * as Y from 'yjs';
import { mapKeyItem } from './doc-layout.js';
import { createReadState, type ReadMarker, type StateVector } from './read-state.js';
import { recordVersion, someRecordItem } from './record-items.js';
import type { Authorship } from './authorship.js';
import type { ChangeType } from './change-event.js';
import type { ModelContext } from './model-context.js';
import type { Tombstone } from './records.js';

export type { ReadMarker } from './read-state.js';

/** Something another user changed since this user last saw it. */
export interface UnreadItem {
  readonly type: ChangeType;
  readonly id: string;
  readonly userId: string | null;
}

export interface Unread {
  /** Unread items of the whole doc. */
  count(): number;
  items(): UnreadItem[];
  /** Whether this highlight or note (or deletion) is unread. */
  has(id: string): boolean;
  /** Unread items of one highlight: the highlight itself and the notes on it. */
  countFor(highlightId: string): number;
  /** Marks everything this replica has seen as read, for this user on every device. */
  markRead(): void;
  /**
   * Marks only these highlights / notes / deleted ids as read (an item seen long enough, or opened), for this user
   * on every device. Writes nothing for ids that are not unread.
   */
  markItemsRead(ids: string | readonly string[]): void;
  marker(): ReadMarker | undefined;
  /** Called after transactions that may change the unread items. Returns the unsubscribe function. */
  observe(listener: () => void): () => void;
}

type Kind = 'highlight' | 'note';

export const createUnread = (ctx: ModelContext, authorship: Authorship): Unread => {
  const { roots, doc, user } = ctx;
  const state = createReadState(roots, user.id);

  const otherNewIn =
    (sv: StateVector) =>
    (item: Y.Item | undefined | null): boolean =>
      item != null &&
      item.id.clock + item.length > (sv.get(item.id.client) ?? 0) &&
      authorship.userOf(item.id.client) !== user.id;

  const recordItem = (kind: Kind, id: string, base: StateVector): UnreadItem | undefined => {
    const root = kind === 'highlight' ? roots.highlights : roots.notes;
    const record = root.get(id);
    const entry = mapKeyItem(root as Y.Map<unknown>, id);
    if (entry === undefined || !(record instanceof Y.Map)) return undefined;
    const otherNew = otherNewIn(state.seenOf(id, base));
    // Created by someone else since the marker: that is the news (their later edits are part of it).
    if (otherNew(entry)) return { type: `${kind}.created`, id, userId: authorship.authorOfItem(entry) };
    let edit: Y.Item | undefined;
    someRecordItem(record, (item) => (otherNew(item) ? ((edit = item), true) : false));
    if (edit === undefined) return undefined;
    return {
      type: kind === 'highlight' ? 'highlight.updated' : 'note.edited',
      id,
      userId: authorship.authorOfItem(edit),
    };
  };

  const deletion = (id: string, base: StateVector): UnreadItem | undefined => {
    const item = mapKeyItem(roots.tombstones, id);
    const tombstone = roots.tombstones.get(id) as Tombstone | undefined;
    if (item === undefined || tombstone === undefined) return undefined;
    const sv = state.seenOf(id, base);
    const existedBefore = tombstone.created.clock < (sv.get(tombstone.created.client) ?? 0);
    return existedBefore && otherNewIn(sv)(item)
      ? { type: `${tombstone.kind}.deleted`, id, userId: authorship.authorOfItem(item) }
      : undefined;
  };

  const items = (): UnreadItem[] => {
    const base = state.global();
    const out: UnreadItem[] = [];
    for (const id of roots.highlights.keys()) {
      const found = recordItem('highlight', id, base);
      if (found !== undefined) out.push(found);
    }
    for (const id of roots.notes.keys()) {
      const found = recordItem('note', id, base);
      if (found !== undefined) out.push(found);
    }
    for (const id of roots.tombstones.keys()) {
      const found = deletion(id, base);
      if (found !== undefined) out.push(found);
    }
    return out;
  };

  const unreadOf = (id: string): UnreadItem | undefined => {
    const base = state.global();
    return recordItem('highlight', id, base) ?? recordItem('note', id, base) ?? deletion(id, base);
  };

  const versionOf = (id: string): StateVector => {
    for (const root of [roots.highlights, roots.notes] as Array<Y.Map<unknown>>) {
      const record = root.get(id);
      if (record instanceof Y.Map) return recordVersion(mapKeyItem(root, id), record as Y.Map<unknown>);
    }
    const item = mapKeyItem(roots.tombstones, id);
    return item === undefined ? new Map() : new Map([[item.id.client, item.id.clock + item.length]]);
  };

  const watched = [
    roots.highlights,
    roots.notes,
    roots.tombstones,
    roots.readMarkers,
    roots.readItems,
    roots.authors,
  ] as Array<Y.AbstractType<any>>;
  return {
    count: () => items().length,
    items,
    has: (id) => unreadOf(id) !== undefined,
    countFor: (highlightId) => {
      const noteIds = new Set<string>();
      for (const [id, note] of roots.notes.entries())
        if (note instanceof Y.Map && note.get('highlightId') === highlightId) noteIds.add(id);
      const linked = roots.highlights.get(highlightId)?.get('noteId');
      if (typeof linked === 'string') noteIds.add(linked);
      return [highlightId, ...noteIds].filter((id) => unreadOf(id) !== undefined).length;
    },
    markRead: () => ctx.transact(() => state.writeGlobal(Y.decodeStateVector(Y.encodeStateVector(doc)), ctx.now())),
    markItemsRead: (ids) => {
      const unreadIds = (typeof ids === 'string' ? [ids] : [...ids]).filter((id) => unreadOf(id) !== undefined);
      if (unreadIds.length === 0) return;
      ctx.transact(() => {
        for (const id of unreadIds) state.writeItem(id, versionOf(id));
      });
    },
    marker: () => roots.readMarkers.get(user.id) as ReadMarker | undefined,
    observe: (listener) => {
      const handler = (tx: Y.Transaction): void => {
        if (watched.some((type) => tx.changedParentTypes.has(type))) listener();
      };
      doc.on('afterTransaction', handler);
      return () => doc.off('afterTransaction', handler);
    },
  };
};
