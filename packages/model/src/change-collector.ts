import * as Y from 'yjs';
import { mapKeyItem } from './doc-layout.js';
import type { Authorship } from './authorship.js';
import type { ChangeType } from './change-event.js';
import type { DocRoots } from './doc-layout.js';
import type { Tombstone } from './records.js';

const STAMP_KEYS = new Set(['updatedBy', 'updatedAt']);

/** A change found in one transaction, before local/time are attached. */
export interface RawChange {
  type: ChangeType;
  id: string;
  userId: string | null;
  fields: Set<string>;
}

type Kind = 'highlight' | 'note';

/** Collects and de-duplicates the changes of one transaction to the `highlights` or `notes` map. */
export const collectChanges = (
  kind: Kind,
  root: Y.Map<Y.Map<unknown>>,
  roots: DocRoots,
  authorship: Authorship,
  events: Array<Y.YEvent<any>>,
  into: Map<string, RawChange>,
): void => {
  const userOfItems = (items: Iterable<Y.Item>): string | null => {
    for (const item of items) if (!item.deleted) return authorship.userOf(item.id.client);
    return null;
  };
  const recordAuthor = (record: Y.Map<unknown> | undefined): string | null => {
    if (record === undefined) return null;
    const stampItem = mapKeyItem(record, 'updatedBy');
    const byItem = stampItem === undefined ? null : authorship.userOf(stampItem.id.client);
    const field = record.get('updatedBy');
    return byItem ?? (typeof field === 'string' ? field : null);
  };
  const add = (type: ChangeType, id: string, userId: string | null, fields: Iterable<string> = []): void => {
    const prior = into.get(`${kind}:${id}`);
    if (prior !== undefined && (prior.type.endsWith('.created') || prior.type.endsWith('.deleted')) && !type.endsWith('.deleted')) return;
    const merged = new Set([...(prior?.fields ?? []), ...fields]);
    into.set(`${kind}:${id}`, { type, id, userId: prior?.userId ?? userId, fields: type.endsWith('.deleted') ? new Set() : merged });
  };

  for (const event of events) {
    if (event.target === root) {
      for (const [id, change] of event.changes.keys) {
        if (change.action === 'delete') {
          const tombstone = roots.tombstones.get(id) as Tombstone | undefined;
          add(`${kind}.deleted` as ChangeType, id, tombstone?.by ?? null);
        } else {
          const item = mapKeyItem(root as Y.Map<unknown>, id);
          add(`${kind}.created` as ChangeType, id, item === undefined ? null : authorship.userOf(item.id.client));
        }
      }
      continue;
    }
    const id = event.path[0];
    if (typeof id !== 'string') continue;
    const record = root.get(id);
    const updated: ChangeType = kind === 'highlight' ? 'highlight.updated' : 'note.edited';
    if (event instanceof Y.YMapEvent && event.target === record) {
      const fields = [...event.keysChanged].filter((key) => !STAMP_KEYS.has(key));
      if (fields.length === 0) continue;
      const items = fields.map((key) => mapKeyItem(record, key)).filter((item): item is Y.Item => item !== undefined);
      add(updated, id, userOfItems(items) ?? recordAuthor(record), fields);
    } else {
      const field = typeof event.path[1] === 'string' ? event.path[1] : 'body';
      add(updated, id, userOfItems(event.changes.added) ?? recordAuthor(record), [field]);
    }
  }
};
