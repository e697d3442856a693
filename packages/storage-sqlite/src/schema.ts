import type Database from 'better-sqlite3';
import { StorageError } from '@marginalia/relay';

/**
 * The schema, as numbered migrations. Migration N (1-based) brings the file from version N-1 to N;
 * the version lives in the table `schema_version`. Append new migrations; never edit old ones.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE updates (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     doc TEXT NOT NULL,
     "update" BLOB NOT NULL
   );
   CREATE INDEX updates_by_doc ON updates (doc, id);`,
  // 2: who owns each Yjs client id of a document (the user whose connection first wrote under it).
  `CREATE TABLE client_owners (
     doc TEXT NOT NULL,
     client INTEGER NOT NULL,
     user_id TEXT NOT NULL,
     PRIMARY KEY (doc, client)
   ) WITHOUT ROWID;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

function currentVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  return row?.version ?? 0;
}

/**
 * Brings the database to `SCHEMA_VERSION` in one write transaction, so that two processes
 * opening a new file at once migrate it once. Refuses a file written by a newer schema.
 */
export function migrateSchema(db: Database.Database, path: string): void {
  const migrate = db.transaction(() => {
    const from = currentVersion(db);
    if (from > SCHEMA_VERSION) {
      throw new StorageError(
        'storage_failed',
        `the SQLite database at ${path} has schema version ${from}; this version of ` +
          `@marginalia/storage-sqlite knows versions up to ${SCHEMA_VERSION}`,
      );
    }
    for (let version = from + 1; version <= SCHEMA_VERSION; version += 1) db.exec(MIGRATIONS[version - 1]!);
    if (from === 0) db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION);
    else if (from < SCHEMA_VERSION) db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION);
  });
  migrate.immediate();
}
