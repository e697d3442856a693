import * as Y from 'yjs';
import { ROOT } from '@marginalia/model';

/** Roots the model keeps for itself: authorship, the people directory, read markers, schema. */
const BOOKKEEPING: ReadonlySet<string> = new Set([ROOT.authors, ROOT.people, ROOT.readMarkers, ROOT.meta]);

/**
 * What a local transaction changed, as a user would name it: `notes:<id>`, `highlights:<id>` (several,
 * sorted and joined, for a transaction that touched several records), the root name for content of
 * the app's own (an editor's fragment), or null for bookkeeping only. Proportional to what changed.
 */
export function changeUnitOf(tx: Y.Transaction): string | null {
  const names = new Set<string>();
  for (const [type, keys] of tx.changed) {
    if (type._item === null) {
      const root = Y.findRootTypeKey(type);
      if (BOOKKEEPING.has(root)) continue;
      if (!(type instanceof Y.Map)) {
        names.add(root);
        continue;
      }
      for (const key of keys) if (key !== null) names.add(`${root}:${key}`);
      continue;
    }
    const record = recordOf(type);
    if (record !== undefined && !BOOKKEEPING.has(record.root))
      names.add(record.key === undefined ? record.root : `${record.root}:${record.key}`);
  }
  return names.size === 0 ? null : [...names].sort().join(' ');
}

/** The child of a root type that holds `type` (a note's Y.Map for its body), with its key in that root. */
function recordOf(type: Y.AbstractType<any>): { root: string; key: string | undefined } | undefined {
  let current: Y.AbstractType<any> = type;
  for (let depth = 0; depth < 64; depth += 1) {
    const item = current._item;
    if (item === null) return undefined;
    const parent = item.parent as Y.AbstractType<any>;
    if (parent._item === null) return { root: Y.findRootTypeKey(parent), key: item.parentSub ?? undefined };
    current = parent;
  }
  return undefined;
}
