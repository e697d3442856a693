import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StorageError } from '@marginalia/relay';
import { migrateSchema } from './schema.js';

export type SynchronousMode = 'FULL' | 'NORMAL';

export interface OpenOptions {
  readonly path: string;
  readonly synchronous: SynchronousMode;
  readonly busyTimeoutMs: number;
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${message} (${code})` : message;
}

/** Wraps a failure of SQLite in a StorageError that names the file and what was being done. */
export function storageFailure(path: string, doing: string, error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  return new StorageError('storage_failed', `SQLite ${doing} failed for ${path}: ${describe(error)}`, {
    cause: error,
  });
}

function configure(db: Database.Database, options: OpenOptions): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal' && options.path !== ':memory:') {
    throw new StorageError(
      'storage_failed',
      `SQLite at ${options.path} refused WAL mode (journal_mode is ${String(mode)})`,
    );
  }
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  migrateSchema(db, options.path);
  // From now on a locked database fails at once: the store retries on a timer (busy-retry.ts)
  // instead of SQLite sleeping inside the call, which would block the event loop.
  db.pragma('busy_timeout = 0');
}

/**
 * A `-wal` file without its database is committed data whose main file was deleted or moved:
 * opening the path would create an empty database and reset that WAL, losing it. Refuse instead.
 */
function refuseOrphanedWal(path: string): void {
  if (path === ':memory:' || existsSync(path) || !existsSync(`${path}-wal`)) return;
  throw new StorageError(
    'storage_failed',
    `the SQLite database ${path} is missing but its write-ahead log ${path}-wal is there: opening it ` +
      'would start an empty database and discard the committed data in the log. Restore the database ' +
      `file, or move ${path}-wal (and ${path}-shm) away to start with an empty database.`,
  );
}

/**
 * Opens the file, sets WAL and `synchronous`, and migrates the schema (waiting up to the busy
 * timeout for another connection's lock: nothing else runs yet); refuses a WAL whose database is missing.
 */
export function openDatabase(options: OpenOptions): Database.Database {
  refuseOrphanedWal(options.path);
  let db: Database.Database;
  try {
    db = new Database(options.path, { timeout: options.busyTimeoutMs });
  } catch (error) {
    throw new StorageError(
      'storage_failed',
      `cannot open the SQLite database at ${options.path}: ${describe(error)} ` +
        '(the directory must exist and be writable)',
      { cause: error },
    );
  }
  try {
    configure(db, options);
  } catch (error) {
    db.close();
    throw storageFailure(options.path, 'setup', error);
  }
  return db;
}
