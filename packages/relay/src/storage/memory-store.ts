import { StorageError, type DocumentStore, type StoredUpdate } from '../ports/document-store.js';

/**
 * A `DocumentStore` in process memory: for tests, demos and relays that need no durability.
 * Everything is lost when the process ends. Updates are copied on the way in and out, so callers
 * may reuse their buffers.
 */
export function createMemoryStore(): DocumentStore {
  const docs = new Map<string, StoredUpdate[]>();
  const owners = new Map<string, Map<number, string>>();
  let nextId = 1;
  let closed = false;

  const open = (operation: string): void => {
    if (closed) throw new StorageError('storage_closed', `memory store is closed (${operation})`);
  };
  const add = (rows: StoredUpdate[], update: Uint8Array): number => {
    const id = nextId++;
    rows.push({ id, update: update.slice() });
    return id;
  };
  const rowsOf = (docName: string): StoredUpdate[] => {
    let rows = docs.get(docName);
    if (rows === undefined) {
      rows = [];
      docs.set(docName, rows);
    }
    return rows;
  };

  return {
    async load(docName) {
      open('load');
      return (docs.get(docName) ?? []).map((row) => ({ id: row.id, update: row.update.slice() }));
    },
    async append(docName, updates) {
      open('append');
      if (updates.length === 0) return [];
      const rows = rowsOf(docName);
      return updates.map((update) => add(rows, update));
    },
    async appendBatch(entries) {
      open('appendBatch');
      return entries.map((entry) =>
        entry.updates.length === 0 ? [] : entry.updates.map((u) => add(rowsOf(entry.docName), u)),
      );
    },
    async compact(docName, snapshot, mergedIds) {
      open('compact');
      const merged = new Set(mergedIds);
      const rows = (docs.get(docName) ?? []).filter((row) => !merged.has(row.id));
      docs.set(docName, rows);
      return add(rows, snapshot);
    },
    async loadClientOwners(docName) {
      open('loadClientOwners');
      return new Map(owners.get(docName));
    },
    async claimClientIds(docName, userId, clientIds) {
      open('claimClientIds');
      let known = owners.get(docName);
      if (known === undefined) owners.set(docName, (known = new Map()));
      const result = new Map<number, string>();
      for (const clientId of clientIds) {
        if (!known.has(clientId)) known.set(clientId, userId);
        result.set(clientId, known.get(clientId)!);
      }
      return result;
    },
    async delete(docName) {
      open('delete');
      docs.delete(docName);
      owners.delete(docName);
    },
    async ping() {
      open('ping');
    },
    async close() {
      closed = true;
      docs.clear();
      owners.clear();
    },
  };
}
