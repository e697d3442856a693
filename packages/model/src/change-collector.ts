import * as Y from 'yjs';
import { freshClients } from './fresh-items.js';
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

/**
 * Collects and de-duplicates the changes of one transaction to the `highlights` or `notes` map. Remote changes are
 * attributed to the client that added items in this transaction to the record (its fields, body or tags): the
 * model stamps `updatedBy` in the same transaction as every edit, so even a pure deletion has such an item.
 */
export const collectChanges = (
  kind: Kind,
  root: Y.Map<Y.Map<unknown>>,
  roots: DocRoots,
  authorship: Authorship,
  events: Array<Y.YEvent<any>>,
  tx: Y.Transaction,
  into: Map<string, RawChange>,
): void => {
  const author = (...types: Array<Y.AbstractType<any> | undefined>): string | null => {
    if (tx.local) return null; // the feed uses the model's own user for local changes
    const fresh = freshClients(tx);
    for (const type of types) {
      const client = type === undefined ? undefined : fresh.get(type);
      if (client !== undefined) return authorship.userOf(client);
    }
    return null;
  };
  const add = (type: ChangeType, id: string, userId: () => string | null, fields: Iterable<string> = []): void => {
    const key = `${kind}:${id}`;
    const prior = into.get(key);
    const deleted = type.endsWith('.deleted');
    if (prior !== undefined && !deleted && (prior.type.endsWith('.created') || prior.type.endsWith('.deleted'))) return;
    if (prior !== undefined && !deleted) {
      for (const field of fields) prior.fields.add(field);
      return;
    }
    into.set(key, { type, id, userId: userId(), fields: deleted ? new Set() : new Set(fields) });
  };
  const updated: ChangeType = kind === 'highlight' ? 'highlight.updated' : 'note.edited';

  for (const event of events) {
    if (event.target === root) {
      for (const [id, change] of event.changes.keys) {
        if (change.action === 'delete') {
          const tombstone = roots.tombstones.get(id) as Tombstone | undefined;
          add(`${kind}.deleted`, id, () => tombstone?.by ?? null);
        } else {
          add(`${kind}.created`, id, () => author(root));
        }
      }
      continue;
    }
    const id = event.path[0];
    if (typeof id !== 'string') continue;
    const record = root.get(id);
    if (event instanceof Y.YMapEvent && event.target === record) {
      const fields = [...event.keysChanged].filter((key) => !STAMP_KEYS.has(key));
      if (fields.length > 0) add(updated, id, () => author(record), fields);
    } else {
      const field = typeof event.path[1] === 'string' ? event.path[1] : 'body';
      add(updated, id, () => author(event.target, record), [field]);
    }
  }
};
