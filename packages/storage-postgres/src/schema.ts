import type { PoolClient } from 'pg';
import { StorageError } from '@marginalia/relay';

/** Where the store keeps its rows: `"schema"."table"` and `"schema"."table_schema"` (the version). */
export interface TableNames {
  readonly schema: string;
  readonly table: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,49}$/;

/** Checks a schema or table name (lower case letters, digits, `_`; at most 50 characters). */
export function checkIdentifier(kind: string, name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new RangeError(
      `${kind} must be lower-case letters, digits and _ (at most 50, not starting with a digit), not ${JSON.stringify(name)}`,
    );
  }
  return name;
}

/** The quoted, qualified names the queries use. */
export function qualified(names: TableNames): {
  readonly updates: string;
  readonly version: string;
  readonly owners: string;
} {
  return {
    updates: `"${names.schema}"."${names.table}"`,
    version: `"${names.schema}"."${names.table}_schema"`,
    owners: `"${names.schema}"."${names.table}_client_owners"`,
  };
}

/**
 * The schema, as numbered migrations. Migration N (1-based) brings the table from version N-1 to N.
 * Append new migrations; never edit old ones.
 */
function migrations(names: TableNames): readonly string[] {
  const { updates, owners } = qualified(names);
  return [
    `CREATE TABLE ${updates} (
       id BIGSERIAL PRIMARY KEY,
       doc TEXT NOT NULL,
       data BYTEA NOT NULL
     );
     CREATE INDEX "${names.table}_by_doc" ON ${updates} (doc, id);`,
    // 2: who owns each Yjs client id of a document (the user whose connection first wrote under it).
    `CREATE TABLE ${owners} (
       doc TEXT NOT NULL,
       client BIGINT NOT NULL,
       user_id TEXT NOT NULL,
       PRIMARY KEY (doc, client)
     );`,
  ];
}

export const SCHEMA_VERSION = 2;

/**
 * Brings the tables to `SCHEMA_VERSION` in one transaction under an advisory lock, so that several
 * relay processes starting at once migrate once. Refuses a table written by a newer schema.
 */
export async function migrateSchema(client: PoolClient, names: TableNames): Promise<void> {
  const { version } = qualified(names);
  const steps = migrations(names);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`marginalia:${names.schema}.${names.table}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${names.schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${version} (version INTEGER NOT NULL)`);
    const result = await client.query<{ version: number }>(`SELECT version FROM ${version}`);
    const from = result.rows[0]?.version ?? 0;
    if (from > SCHEMA_VERSION) {
      throw new StorageError(
        'storage_failed',
        `the table ${names.schema}.${names.table} has schema version ${from}; this version of ` +
          `@marginalia/storage-postgres knows versions up to ${SCHEMA_VERSION}`,
      );
    }
    for (let next = from + 1; next <= SCHEMA_VERSION; next += 1) await client.query(steps[next - 1]!);
    if (from === 0) await client.query(`INSERT INTO ${version} (version) VALUES ($1)`, [SCHEMA_VERSION]);
    else if (from < SCHEMA_VERSION) await client.query(`UPDATE ${version} SET version = $1`, [SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      throw new AggregateError([error, rollbackError], 'migration and its rollback failed');
    });
    throw error;
  }
}
