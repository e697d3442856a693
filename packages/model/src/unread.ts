import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { mapKeyItem } from './doc-layout.js';
import type { Authorship } from './authorship.js';
import type { ChangeType } from './change-event.js';
import type { ModelContext } from './model-context.js';
import type { Tombstone } from './records.js';

/** A user's last-read marker, stored in the doc's `readMarkers` map under their user id. */
export interface ReadMarker {
  /** Base64 of the Yjs state vector the user had seen (merged across their devices). */
  readonly stateVector: string;
  readonly at: number;
}

/** Something another user changed since the marker. */
export interface UnreadItem {
  readonly type: ChangeType;
  readonly id: string;
  readonly userId: string | null;
}

export interface Unread {
  count(): number;
  items(): UnreadItem[];
  /** Marks everything this replica has seen as read, for this user on every device. */
  markRead(): void;
  marker(): ReadMarker | undefined;
  /** Called after transactions that may change the unread items. Returns the unsubscribe function. */
  observe(listener: () => void): () => void;
}

type StateVector = Map<number, number>;

const decodeMarker = (marker: unknown): StateVector => {
  const encoded = (marker as Partial<ReadMarker> | undefined)?.stateVector;
  return typeof encoded === 'string' ? Y.decodeStateVector(fromBase64(encoded)) : new Map();
};

export const createUnread = (ctx: ModelContext, authorship: Authorship): Unread => {
  const { roots, doc, user } = ctx;
  const seenUntil = (): StateVector => decodeMarker(roots.readMarkers.get(user.id));
  const items = (): UnreadItem[] => {
    const sv = seenUntil();
    const isNew = (item: Y.Item): boolean => item.id.clock + item.length > (sv.get(item.id.client) ?? 0);
    const otherNew = (item: Y.Item | undefined | null): boolean =>
      item != null && isNew(item) && authorship.userOf(item.id.client) !== user.id;
    const firstOtherNew = (record: Y.Map<unknown>): Y.Item | undefined => {
      for (const [key, latest] of record._map) {
        // Walk the key's overwritten values too: when two users stamp a note concurrently, the losing stamp
        // still shows that its author changed the note.
        for (let item: Y.Item | null = latest; item !== null; item = item.left) {
          if (otherNew(item)) return item;
        }
        const value = record.get(key);
        if (value instanceof Y.Text || value instanceof Y.Array) {
          for (let child = value._start; child !== null; child = child.right) if (!child.deleted && otherNew(child)) return child;
        }
      }
      return undefined;
    };
    const out: UnreadItem[] = [];
    const scan = (kind: 'highlight' | 'note', root: Y.Map<Y.Map<unknown>>): void => {
      for (const [id, record] of root.entries()) {
        const item = mapKeyItem(root as Y.Map<unknown>, id);
        if (item === undefined || !(record instanceof Y.Map)) continue;
        // Created by someone else since the marker: that is the news (their later edits are part of it).
        if (otherNew(item)) {
          out.push({ type: `${kind}.created`, id, userId: authorship.authorOfItem(item) });
          continue;
        }
        const edit = firstOtherNew(record);
        if (edit !== undefined) out.push({ type: kind === 'highlight' ? 'highlight.updated' : 'note.edited', id, userId: authorship.authorOfItem(edit) });
      }
    };
    scan('highlight', roots.highlights);
    scan('note', roots.notes);
    for (const [id, value] of roots.tombstones.entries()) {
      const item = mapKeyItem(roots.tombstones, id);
      const tombstone = value as Tombstone;
      const existedBefore = tombstone.created.clock < (sv.get(tombstone.created.client) ?? 0);
      if (item !== undefined && otherNew(item) && existedBefore) out.push({ type: `${tombstone.kind}.deleted`, id, userId: authorship.authorOfItem(item) });
    }
    return out;
  };

  const watched = [roots.highlights, roots.notes, roots.tombstones, roots.readMarkers, roots.authors] as Array<Y.AbstractType<any>>;
  return {
    count: () => items().length,
    items,
    markRead: () => {
      const merged = seenUntil();
      for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) merged.set(client, Math.max(clock, merged.get(client) ?? 0));
      const marker: ReadMarker = { stateVector: toBase64(Y.encodeStateVector(merged)), at: ctx.now() };
      ctx.transact(() => roots.readMarkers.set(user.id, marker));
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
