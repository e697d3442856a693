import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '@marginalia/relay';
import { createUpdateSource, runDocumentStoreConformance } from '@marginalia/testkit';
import { failWritesTo } from './fixtures/fail-writes.js';
import { createSqliteStore } from './sqlite-store.js';
import { SCHEMA_VERSION } from './schema.js';

for (const synchronous of ['FULL', 'NORMAL'] as const) {
  runDocumentStoreConformance(`sqlite (synchronous=${synchronous})`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'marginalia-sqlite-'));
    const path = join(dir, 'relay.db');
    return {
      store: createSqliteStore({ path, synchronous }),
      reopen: async () => createSqliteStore({ path, synchronous }),
      failWritesTo: async (docName) => failWritesTo(path, docName),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  });
}

describe('createSqliteStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'marginalia-sqlite-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const openFailure = (path: string): unknown => {
    try {
      createSqliteStore({ path });
    } catch (error) {
      return error;
    }
    return new Error('the store opened');
  };

  it('opens the file in WAL mode and records the schema version', async () => {
    const path = join(dir, 'relay.db');
    const store = createSqliteStore({ path });
    await store.append('doc', [createUpdateSource().set('k', 1)]);
    const probe = new Database(path);
    expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
    probe.close();
    await store.close();
    const db = new Database(path);
    expect(db.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: SCHEMA_VERSION }]);
    expect(db.prepare('SELECT doc FROM updates').all()).toEqual([{ doc: 'doc' }]);
    db.close();
  });

  it('names the file in a StorageError when its directory does not exist', () => {
    const path = join(dir, 'missing', 'relay.db');
    const error = openFailure(path);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'storage_failed' });
    expect((error as Error).message).toContain(path);
  });

  it('refuses a file that is not a SQLite database', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'these are not the pages you are looking for '.repeat(100));
    const error = openFailure(path);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toContain(path);
  });

  it('refuses a database written by a newer schema version, and leaves it as it was', async () => {
    const path = join(dir, 'relay.db');
    await createSqliteStore({ path }).close();
    const db = new Database(path);
    db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
    db.close();
    const error = openFailure(path);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/schema version/);
    const after = new Database(path);
    expect(after.prepare('SELECT version FROM schema_version').get()).toEqual({ version: SCHEMA_VERSION + 1 });
    after.close();
  });

  it('migrates a version 1 database (before client id owners): its rows are kept, no id has an owner yet', async () => {
    const path = join(dir, 'relay.db');
    const update = createUpdateSource().set('k', 1);
    const v1 = new Database(path);
    v1.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL);
      INSERT INTO schema_version (version) VALUES (1);
      CREATE TABLE updates (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, "update" BLOB NOT NULL);
      CREATE INDEX updates_by_doc ON updates (doc, id);`);
    v1.prepare('INSERT INTO updates (doc, "update") VALUES (?, ?)').run('doc', update);
    v1.close();
    const store = createSqliteStore({ path });
    expect((await store.load('doc')).map((row) => [...row.update])).toEqual([[...update]]);
    expect(await store.loadClientOwners('doc')).toEqual(new Map());
    expect(await store.claimClientIds('doc', 'ana', [5])).toEqual(new Map([[5, 'ana']]));
    await store.close();
    const db = new Database(path);
    expect(db.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: SCHEMA_VERSION }]);
    db.close();
  });

  it('rejects a synchronous mode other than FULL or NORMAL', () => {
    const options = { path: join(dir, 'relay.db'), synchronous: 'OFF' as 'FULL' };
    expect(() => createSqliteStore(options)).toThrow(RangeError);
  });

  it('retries a write on timers while another connection holds the lock, the event loop going on', async () => {
    const path = join(dir, 'relay.db');
    const store = createSqliteStore({ path });
    const holder = new Database(path);
    holder.exec('BEGIN EXCLUSIVE');
    await expect(store.checkWritable?.()).rejects.toThrow(/database is locked \(SQLITE_BUSY\)/);
    let stored = false;
    const appended = store.append('doc', [createUpdateSource().set('k', 1)]).then((ids) => ((stored = true), ids));
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    clearInterval(ticker);
    expect(stored).toBe(false);
    expect(ticks).toBeGreaterThan(10); // a blocked loop would not have run the interval
    holder.exec('COMMIT');
    expect(await appended).toHaveLength(1);
    await expect(store.checkWritable?.()).resolves.toBeUndefined();
    holder.close();
    await store.close();
  });

  it('gives up on a lock held past busyTimeoutMs with a StorageError naming SQLITE_BUSY', async () => {
    const path = join(dir, 'relay.db');
    const store = createSqliteStore({ path, busyTimeoutMs: 200 });
    const holder = new Database(path);
    holder.exec('BEGIN EXCLUSIVE');
    const started = Date.now();
    const failure = await store.append('doc', [createUpdateSource().set('k', 1)]).catch((error: unknown) => error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as Error).message).toMatch(/SQLITE_BUSY/);
    holder.exec('ROLLBACK');
    holder.close();
    await store.close();
  });

  it('refuses a database file missing beside its -wal, leaving the WAL untouched', async () => {
    const path = join(dir, 'relay.db');
    await writeFile(`${path}-wal`, 'committed frames');
    const error = openFailure(path);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toContain(`${path}-wal`);
    expect(await readFile(`${path}-wal`, 'utf8')).toBe('committed frames');
  });

  it('keeps the schema when opened again (migrations run once)', async () => {
    const path = join(dir, 'relay.db');
    const first = createSqliteStore({ path });
    const [id] = await first.append('doc', [createUpdateSource().set('k', 1)]);
    await first.close();
    const second = createSqliteStore({ path });
    expect((await second.load('doc')).map((row) => row.id)).toEqual([id]);
    await second.close();
  });
});
