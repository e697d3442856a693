import * as Y from 'yjs';

/**
 * Calls `fn` with every Yjs item that makes up a record: each key's current value and the values it overwrote
 * (a losing concurrent stamp still shows who changed the record), and every item of its Y.Text / Y.Array values
 * (deleted ones too, when `includeDeleted`). Stops early when `fn` returns true; returns whether it stopped.
 */
export const someRecordItem = (
  record: Y.Map<unknown>,
  fn: (item: Y.Item) => boolean,
  includeDeleted = false,
): boolean => {
  for (const [key, latest] of record._map) {
    for (let item: Y.Item | null = latest; item !== null; item = item.left) if (fn(item)) return true;
    const value = record.get(key);
    if (value instanceof Y.Text || value instanceof Y.Array) {
      for (let child = value._start; child !== null; child = child.right)
        if ((includeDeleted || !child.deleted) && fn(child)) return true;
    }
  }
  return false;
};

/** The highest clock (exclusive) per client among a record's items, plus the record map's own item. */
export const recordVersion = (entry: Y.Item | undefined, record: Y.Map<unknown>): Map<number, number> => {
  const version = new Map<number, number>();
  const add = (item: Y.Item): boolean => {
    const end = item.id.clock + item.length;
    if (end > (version.get(item.id.client) ?? 0)) version.set(item.id.client, end);
    return false;
  };
  if (entry !== undefined) add(entry);
  someRecordItem(record, add, true);
  return version;
};
