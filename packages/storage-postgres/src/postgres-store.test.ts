import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '@marginalia/relay';
import { createUpdateSource, runDocumentStoreConformance } from '@marginalia/testkit';
import pg from 'pg';
import { adminQuery, dropSchema, failWritesTo, TEST_DATABASE_URL, uniqueSchema } from './fixtures/test-database.js';
import { createPostgresStore, describeDatabase } from './postgres-store.js';
import { SCHEMA_VERSION } from './schema.js';

// Every test gets its own schema on the real database, dropped afterwards.
runDocumentStoreConformance('postgres', async () => {
  const schema = uniqueSchema();
  await adminQuery('SELECT 1');
  return {
    store: await createPostgresStore({ connectionString: TEST_DATABASE_URL, schema }),
    reopen: () => createPostgresStore({ connectionString: TEST_DATABASE_URL, schema }),
    failWritesTo: (docName) => failWritesTo(schema, 'marginalia_updates', docName),
    cleanup: async () => void (await dropSchema(schema)),
  };
});

runDocumentStoreConformance('postgres (pool given by the application, custom table)', async () => {
  const schema = uniqueSchema();
  const pools: pg.Pool[] = [];
  const open = () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
    pools.push(pool);
    return createPostgresStore({ pool, schema, table: 'doc_log' });
  };
  return {
    store: await open(),
    reopen: open,
    failWritesTo: (docName) => failWritesTo(schema, 'doc_log', docName),
    cleanup: async () => {
      await Promise.all(pools.map((pool) => pool.end()));
      await dropSchema(schema);
    },
  };
});

describe('createPostgresStore', () => {
  let schema: string;
  beforeEach(() => {
    schema = uniqueSchema();
  });
  afterEach(async () => {
    await dropSchema(schema);
  });

  it('creates the schema, the table and the version row', async () => {
    const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
    const [id] = await store.append('doc', [createUpdateSource().set('k', 1)]);
    await store.close();
    const version = await adminQuery(`SELECT version FROM "${schema}".marginalia_updates_schema`);
    expect(version.rows).toEqual([{ version: SCHEMA_VERSION }]);
    const rows = await adminQuery(`SELECT id, doc FROM "${schema}".marginalia_updates`);
    expect(rows.rows).toEqual([{ id: String(id), doc: 'doc' }]);
  });

  it('migrates once when several processes start at once', async () => {
    const stores = await Promise.all(
      [1, 2, 3, 4].map(() => createPostgresStore({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 1 })),
    );
    const version = await adminQuery(`SELECT version FROM "${schema}".marginalia_updates_schema`);
    expect(version.rows).toEqual([{ version: SCHEMA_VERSION }]);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('migrates a version 1 table (before client id owners): its rows are kept, no id has an owner yet', async () => {
    const update = createUpdateSource().set('k', 1);
    await adminQuery(`CREATE SCHEMA "${schema}"`);
    await adminQuery(`CREATE TABLE "${schema}".marginalia_updates_schema (version INTEGER NOT NULL)`);
    await adminQuery(`INSERT INTO "${schema}".marginalia_updates_schema (version) VALUES (1)`);
    await adminQuery(
      `CREATE TABLE "${schema}".marginalia_updates (id BIGSERIAL PRIMARY KEY, doc TEXT NOT NULL, data BYTEA NOT NULL)`,
    );
    await adminQuery(`INSERT INTO "${schema}".marginalia_updates (doc, data) VALUES ('doc', $1)`, [
      Buffer.from(update),
    ]);
    const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
    expect((await store.load('doc')).map((row) => [...row.update])).toEqual([[...update]]);
    expect(await store.loadClientOwners('doc')).toEqual(new Map());
    expect(await store.claimClientIds('doc', 'ana', [5])).toEqual(new Map([[5, 'ana']]));
    await store.close();
    const version = await adminQuery(`SELECT version FROM "${schema}".marginalia_updates_schema`);
    expect(version.rows).toEqual([{ version: SCHEMA_VERSION }]);
  });

  it('refuses a table written by a newer schema version, and leaves it as it was', async () => {
    await (await createPostgresStore({ connectionString: TEST_DATABASE_URL, schema })).close();
    await adminQuery(`UPDATE "${schema}".marginalia_updates_schema SET version = $1`, [SCHEMA_VERSION + 1]);
    const error = await createPostgresStore({ connectionString: TEST_DATABASE_URL, schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/schema version/);
    const version = await adminQuery(`SELECT version FROM "${schema}".marginalia_updates_schema`);
    expect(version.rows).toEqual([{ version: SCHEMA_VERSION + 1 }]);
  });

  it('names the database but not the password when it cannot connect', async () => {
    const url = 'postgres://someone:hunter2@127.0.0.1:1/nowhere';
    const error = await createPostgresStore({ connectionString: url, schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'storage_failed' });
    expect((error as Error).message).toContain('127.0.0.1:1/nowhere');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('rejects table and schema names that are not plain identifiers', async () => {
    await expect(
      createPostgresStore({ connectionString: TEST_DATABASE_URL, table: 'x"; DROP TABLE y; --' }),
    ).rejects.toThrow(RangeError);
    await expect(createPostgresStore({ connectionString: TEST_DATABASE_URL, schema: 'Upper' })).rejects.toThrow(
      RangeError,
    );
  });

  it('leaves a pool given by the application open on close', async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    const store = await createPostgresStore({ pool, schema });
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({ code: 'storage_closed' });
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it('keeps the ids of one append in the order of its updates', async () => {
    const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
    const source = createUpdateSource();
    const updates = Array.from({ length: 50 }, (_, i) => source.set(`k${i}`, i));
    const ids = await store.append('doc', updates);
    const rows = await store.load('doc');
    expect(rows.map((row) => row.id)).toEqual(ids);
    rows.forEach((row, i) => expect(Buffer.from(row.update).equals(Buffer.from(updates[i]!))).toBe(true));
    await store.close();
  });

  it('describes a connection string without its credentials', () => {
    expect(describeDatabase('postgres://u:secret@db.example:6543/app')).toBe('db.example:6543/app');
  });

  it('checkWritable commits a real write: rejects with the reason while a lock or a failing write stops it, resolves again after', async () => {
    const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
    try {
      await expect(store.checkWritable?.()).resolves.toBeUndefined();
      // Another session holding the table: writes would wait; the check gives up after its lock timeout.
      const holder = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`LOCK TABLE "${schema}".marginalia_updates IN EXCLUSIVE MODE`);
        const started = performance.now();
        await expect(store.checkWritable?.()).rejects.toThrow(/checkWritable failed on .*lock timeout/);
        console.info(`write check under a held lock failed after ${(performance.now() - started).toFixed(0)} ms`);
        await holder.query('COMMIT');
      } finally {
        await holder.end();
      }
      await expect(store.checkWritable?.()).resolves.toBeUndefined();
      // Every insert failing (as a full disk or a revoked privilege would make it).
      await failWritesTo(schema, 'marginalia_updates', '');
      await expect(store.checkWritable?.()).rejects.toThrow(/writes to {2}fail \(test trigger\)/);
      await adminQuery(`DROP FUNCTION "${schema}".fail_writes() CASCADE`);
      await expect(store.checkWritable?.()).resolves.toBeUndefined();
      // Nothing of the checks is left behind.
      expect((await adminQuery(`SELECT count(*)::int AS n FROM "${schema}".marginalia_updates`)).rows).toEqual([
        { n: 0 },
      ]);
    } finally {
      await store.close();
    }
  });
});
