import type Database from 'better-sqlite3';
import { StorageError, type AppendBatchEntry, type DocumentStore, type StoredUpdate } from '@marginalia/relay';
import { retryWhileLocked } from './busy-retry.js';
import { openDatabase, storageFailure, type SynchronousMode } from './open-database.js';

export interface SqliteStoreOptions {
  /** The database file. Its directory must exist (creating it is the application's job). */
  readonly path: string;
  /**
   * `FULL` (default): a committed append survives a power loss or OS crash.
   * `NORMAL`: in WAL mode, survives a crash of the process but may lose the last commits on a power loss.
   */
  readonly synchronous?: SynchronousMode;
  /**
   * How long an operation keeps retrying while another connection holds the lock before it fails.
   * Default 5000 ms. The retries wait on timers: the event loop is never blocked by a lock.
   */
  readonly busyTimeoutMs?: number;
}

interface Row {
  id: number;
  data: Uint8Array;
}

interface OwnerRow {
  client: number;
  user_id: string;
}

const ownerMap = (rows: readonly OwnerRow[]): Map<number, string> =>
  new Map(rows.map((row) => [row.client, row.user_id]));

function prepareOwners(db: Database.Database) {
  const insert = db.prepare<[string, number, string]>(
    'INSERT INTO client_owners (doc, client, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const owner = db.prepare<[string, number], { user_id: string }>(
    'SELECT user_id FROM client_owners WHERE doc = ? AND client = ?',
  );
  return {
    loadOwners: db.prepare<[string], OwnerRow>('SELECT client, user_id FROM client_owners WHERE doc = ?'),
    claim: db.transaction((doc: string, userId: string, clientIds: readonly number[]) => {
      const owners = new Map<number, string>();
      for (const client of clientIds) {
        insert.run(doc, client, userId);
        owners.set(client, owner.get(doc, client)!.user_id);
      }
      return owners;
    }),
  };
}

function prepare(db: Database.Database) {
  const insert = db.prepare<[string, Uint8Array]>('INSERT INTO updates (doc, "update") VALUES (?, ?)');
  const deleteRow = db.prepare<[string, number]>('DELETE FROM updates WHERE doc = ? AND id = ?');
  const insertOne = (doc: string, update: Uint8Array): number => Number(insert.run(doc, update).lastInsertRowid);
  const deleteOwners = db.prepare<[string]>('DELETE FROM client_owners WHERE doc = ?');
  const deleteRows = db.prepare<[string]>('DELETE FROM updates WHERE doc = ?');
  return {
    ...prepareOwners(db),
    load: db.prepare<[string], Row>('SELECT id, "update" AS data FROM updates WHERE doc = ? ORDER BY id'),
    deleteDoc: db.transaction((doc: string) => {
      deleteRows.run(doc);
      deleteOwners.run(doc);
    }),
    ping: db.prepare('SELECT 1'),
    userVersion: db.prepare('PRAGMA user_version').pluck(),
    append: db.transaction((doc: string, updates: readonly Uint8Array[]) => updates.map((u) => insertOne(doc, u))),
    appendBatch: db.transaction((entries: readonly AppendBatchEntry[]) =>
      entries.map((entry) => entry.updates.map((u) => insertOne(entry.docName, u))),
    ),
    compact: db.transaction((doc: string, snapshot: Uint8Array, mergedIds: readonly number[]) => {
      for (const id of mergedIds) deleteRow.run(doc, id);
      return insertOne(doc, snapshot);
    }),
  };
}

/** A plain Uint8Array over the Buffer better-sqlite3 returns, without copying. */
function toStored(row: Row): StoredUpdate {
  return { id: row.id, update: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
}

/**
 * The embedded `DocumentStore`: one SQLite file in WAL mode holding every document's update log.
 * better-sqlite3 is synchronous, so each method does its work before it returns and the promise
 * only carries the result, except while another connection holds the lock: then the attempt fails
 * at once (busy_timeout 0) and is retried on a timer until `busyTimeoutMs` (the event loop goes on
 * meanwhile). A batch append costs about as much as a single one, and `appendBatch`
 * commits the updates of many documents with one WAL commit (one fsync with synchronous=FULL).
 * Throws StorageError('storage_failed') when the file cannot be opened or migrated.
 */
export function createSqliteStore(options: SqliteStoreOptions): DocumentStore {
  const synchronous = options.synchronous ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new RangeError(`synchronous must be 'FULL' or 'NORMAL', not ${String(synchronous)}`);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new RangeError(`busyTimeoutMs must be a non-negative integer, not ${String(busyTimeoutMs)}`);
  }
  const db = openDatabase({ path: options.path, synchronous, busyTimeoutMs });
  const statements = prepare(db);
  let closed = false;

  const open = (operation: string): Database.Database => {
    if (closed) throw new StorageError('storage_closed', `SQLite store ${options.path} is closed (${operation})`);
    return db;
  };
  const run = async <T>(operation: string, work: () => T): Promise<T> => {
    try {
      return await retryWhileLocked(() => (open(operation), work()), { deadlineMs: busyTimeoutMs });
    } catch (error) {
      throw storageFailure(options.path, operation, error);
    }
  };
  /** A real commit (it rewrites the header's user_version with its own value), tried once. */
  const checkWritable = async (): Promise<void> => {
    try {
      open('checkWritable').pragma(`user_version = ${Number(statements.userVersion.get())}`);
    } catch (error) {
      throw storageFailure(options.path, 'write check', error);
    }
  };

  return {
    load: (docName) => run('load', () => statements.load.all(docName).map(toStored)),
    append: (docName, updates) =>
      run('append', () => (updates.length === 0 ? [] : statements.append.immediate(docName, updates))),
    appendBatch: (entries) =>
      run('appendBatch', () =>
        entries.every((entry) => entry.updates.length === 0)
          ? entries.map(() => [])
          : statements.appendBatch.immediate(entries),
      ),
    compact: (docName, snapshot, mergedIds) =>
      run('compact', () => statements.compact.immediate(docName, snapshot, mergedIds)),
    loadClientOwners: (docName) => run('loadClientOwners', () => ownerMap(statements.loadOwners.all(docName))),
    claimClientIds: (docName, userId, clientIds) =>
      run('claimClientIds', () =>
        clientIds.length === 0 ? new Map<number, string>() : statements.claim.immediate(docName, userId, clientIds),
      ),
    delete: (docName) => run('delete', () => statements.deleteDoc.immediate(docName)),
    ping: () => run('ping', () => void statements.ping.get()),
    checkWritable,
    async close() {
      if (closed) return;
      closed = true;
      try {
        db.close();
      } catch (error) {
        throw storageFailure(options.path, 'close', error);
      }
    },
  };
}
