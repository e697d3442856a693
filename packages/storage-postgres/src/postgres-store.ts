import pg from 'pg';
import { StorageError, type DocumentStore, type StoredUpdate } from '@marginalia/relay';
import { checkIdentifier, migrateSchema, qualified, type TableNames } from './schema.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database`; the store creates (and closes) its own pool. */
  readonly connectionString?: string;
  /** A pool owned by the application; `close()` leaves it open. Give this or `connectionString`. */
  readonly pool?: pg.Pool;
  /** Schema of the tables, created if missing. Default `public`. */
  readonly schema?: string;
  /** Table of the update log. Default `marginalia_updates` (its version table: `<table>_schema`). */
  readonly table?: string;
  /** Connections of the pool the store creates. Default 10. */
  readonly maxConnections?: number;
  /**
   * Errors of idle pooled connections (the server restarted, the network dropped). The pool
   * replaces such connections by itself; the next query that fails is reported by its promise.
   */
  readonly onIdleError?: (error: Error) => void;
}

interface Row {
  id: string;
  data: Buffer;
}

interface OwnerRow {
  client: string;
  user_id: string;
}

const ownerMap = (rows: readonly OwnerRow[]): Map<number, string> =>
  new Map(rows.map((row) => [Number(row.client), row.user_id]));

/** `host:port/database` of a connection string, without user or password (for messages and logs). */
export function describeDatabase(connectionString: string | undefined): string {
  if (connectionString === undefined) return 'the given pool';
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch (error) {
    return `an unparsable connection string (${error instanceof Error ? error.message : String(error)})`;
  }
}

function failure(where: string, doing: string, error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StorageError('storage_failed', `PostgreSQL ${doing} failed on ${where}: ${message}`, { cause: error });
}

const bytes = (update: Uint8Array): Buffer => Buffer.from(update.buffer, update.byteOffset, update.byteLength);
const toStored = (row: Row): StoredUpdate => ({
  id: Number(row.id),
  update: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
});

/**
 * A `DocumentStore` on PostgreSQL: every document's update log in one table, ids from a BIGSERIAL.
 * Several relay processes can share the database. Resolves once connected and migrated; rejects
 * with StorageError('storage_failed') naming the database (never the password) when it cannot.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<DocumentStore> {
  if ((options.pool === undefined) === (options.connectionString === undefined)) {
    throw new TypeError('createPostgresStore needs either connectionString or pool');
  }
  const names: TableNames = {
    schema: checkIdentifier('schema', options.schema ?? 'public'),
    table: checkIdentifier('table', options.table ?? 'marginalia_updates'),
  };
  const where = describeDatabase(options.connectionString);
  const ownsPool = options.pool === undefined;
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 10_000,
    });
  const onIdleError = options.onIdleError ?? ((): void => undefined);
  if (ownsPool) pool.on('error', onIdleError);
  try {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await migrateSchema(client, names);
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  } catch (error) {
    if (ownsPool) await pool.end().catch((endError: unknown) => onIdleError(endError as Error));
    throw failure(where, 'setup', error);
  }
  return storeOnPool(pool, names, { where, ownsPool });
}

/** How long the write check waits for a lock or a statement before it reports the store as failing. */
const CHECK_LOCK_TIMEOUT_MS = 200;
const CHECK_STATEMENT_TIMEOUT_MS = 2000;

/**
 * A real write, as the relay's own: a row inserted into the updates table and deleted again in one
 * committed transaction (no one else ever sees it). Fails, with PostgreSQL's reason, when the role
 * may not write (a read-only transaction default, a revoked privilege, a read-only standby), when a
 * lock holds the table longer than CHECK_LOCK_TIMEOUT_MS, or when the commit cannot be written.
 */
async function commitWriteCheck(pool: pg.Pool, updates: string): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL lock_timeout = ${CHECK_LOCK_TIMEOUT_MS}`);
      await client.query(`SET LOCAL statement_timeout = ${CHECK_STATEMENT_TIMEOUT_MS}`);
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO ${updates} (doc, data) VALUES ('', ''::bytea) RETURNING id`,
      );
      await client.query(`DELETE FROM ${updates} WHERE id = $1`, [inserted.rows[0]?.id]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

function splitByCounts(ids: readonly number[], counts: readonly number[]): number[][] {
  let start = 0;
  return counts.map((count) => ids.slice(start, (start += count)));
}

function storeOnPool(pool: pg.Pool, names: TableNames, context: { where: string; ownsPool: boolean }): DocumentStore {
  const { updates, owners } = qualified(names);
  let closed = false;
  const run = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    if (closed)
      throw new StorageError('storage_closed', `PostgreSQL store on ${context.where} is closed (${operation})`);
    try {
      return await work();
    } catch (error) {
      throw failure(context.where, operation, error);
    }
  };
  const ids = (rows: readonly { id: string }[]): number[] => rows.map((row) => Number(row.id)).sort((a, b) => a - b);

  return {
    load: (docName) =>
      run('load', async () => {
        const result = await pool.query<Row>(`SELECT id, data FROM ${updates} WHERE doc = $1 ORDER BY id`, [docName]);
        return result.rows.map(toStored);
      }),
    append: (docName, batch) =>
      run('append', async () => {
        if (batch.length === 0) return [];
        // One statement, so one transaction; rows get their ids in the order of the array.
        const result = await pool.query<{ id: string }>(
          `INSERT INTO ${updates} (doc, data)
           SELECT $1, u.data FROM unnest($2::bytea[]) WITH ORDINALITY AS u(data, n) ORDER BY u.n
           RETURNING id`,
          [docName, batch.map(bytes)],
        );
        return ids(result.rows);
      }),
    appendBatch: (entries) =>
      run('appendBatch', async () => {
        const rows = entries.flatMap((entry) => entry.updates.map((update) => [entry.docName, bytes(update)] as const));
        if (rows.length === 0) return entries.map(() => []);
        // One statement for every document: one transaction, one commit. Ids are given in the
        // order of the arrays, so the sorted ids split back into the entries by their counts.
        const result = await pool.query<{ id: string }>(
          `INSERT INTO ${updates} (doc, data)
           SELECT u.doc, u.data FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u(doc, data, n) ORDER BY u.n
           RETURNING id`,
          [rows.map((row) => row[0]), rows.map((row) => row[1])],
        );
        return splitByCounts(
          ids(result.rows),
          entries.map((entry) => entry.updates.length),
        );
      }),
    compact: (docName, snapshot, mergedIds) =>
      run('compact', async () => {
        // One statement: the delete of exactly the merged rows and the insert commit together.
        const result = await pool.query<{ id: string }>(
          `WITH merged AS (DELETE FROM ${updates} WHERE doc = $1 AND id = ANY($2::bigint[]))
           INSERT INTO ${updates} (doc, data) VALUES ($1, $3) RETURNING id`,
          [docName, mergedIds.map(String), bytes(snapshot)],
        );
        return Number(result.rows[0]!.id);
      }),
    loadClientOwners: (docName) =>
      run('loadClientOwners', async () => {
        const result = await pool.query<OwnerRow>(`SELECT client, user_id FROM ${owners} WHERE doc = $1`, [docName]);
        return ownerMap(result.rows);
      }),
    claimClientIds: (docName, userId, clientIds) =>
      run('claimClientIds', async () => {
        if (clientIds.length === 0) return new Map<number, string>();
        // One statement. DO UPDATE (a write that changes nothing) rather than DO NOTHING, so that
        // RETURNING gives a row for every id: for an id a concurrent claim inserted first, it waits
        // for that commit and returns the winner's row.
        const result = await pool.query<OwnerRow>(
          `INSERT INTO ${owners} (doc, client, user_id)
           SELECT $1, c, $2 FROM unnest($3::bigint[]) AS c
           ON CONFLICT (doc, client) DO UPDATE SET user_id = ${owners}.user_id
           RETURNING client, user_id`,
          [docName, userId, [...new Set(clientIds)].map(String)],
        );
        return ownerMap(result.rows);
      }),
    delete: (docName) =>
      run('delete', async () => {
        // One statement: the log and the owners go together.
        await pool.query(
          `WITH owners AS (DELETE FROM ${owners} WHERE doc = $1) DELETE FROM ${updates} WHERE doc = $1`,
          [docName],
        );
      }),
    ping: () => run('ping', async () => void (await pool.query('SELECT 1'))),
    checkWritable: () => run('checkWritable', () => commitWriteCheck(pool, updates)),
    async close() {
      if (closed) return;
      closed = true;
      if (!context.ownsPool) return;
      try {
        await pool.end();
      } catch (error) {
        throw failure(context.where, 'close', error);
      }
    },
  };
}
