import * as Y from 'yjs';

const cache = new WeakMap<Y.Transaction, Map<Y.AbstractType<any>, number>>();

/**
 * For every type that received new items in this transaction, the clientID of one of those items. Built once per
 * transaction from the structs between its before and after state (cost proportional to what the transaction
 * added, never to the document), so remote changes can be attributed without walking a note's whole body.
 */
export const freshClients = (tx: Y.Transaction): Map<Y.AbstractType<any>, number> => {
  let found = cache.get(tx);
  if (found !== undefined) return found;
  found = new Map();
  for (const [client, after] of tx.afterState) {
    const before = tx.beforeState.get(client) ?? 0;
    const structs = tx.doc.store.clients.get(client);
    if (after <= before || structs === undefined) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i];
      if (struct instanceof Y.Item && struct.parent instanceof Y.AbstractType && !found.has(struct.parent))
        found.set(struct.parent, client);
    }
  }
  cache.set(tx, found);
  return found;
};
