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
  return error instanceof Error ? error.message : String(error);
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
}

/** Opens the file, sets WAL, `synchronous` and the busy timeout, and migrates the schema. */
export function openDatabase(options: OpenOptions): Database.Database {
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
