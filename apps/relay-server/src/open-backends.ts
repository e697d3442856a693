import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { DocumentStore, Fanout, Logger } from '@marginalia/relay';
import { createRedisFanout, describeRedis } from '@marginalia/fanout-redis';
import { createPostgresStore, describeDatabase } from '@marginalia/storage-postgres';
import { createSqliteStore } from '@marginalia/storage-sqlite';
import type { ServeOptions } from './serve-options.js';

export const DATABASE_FILE = 'marginalia.sqlite';

/** The store and fanout `serve` runs on, and what to say about them in the `listening` line. */
export interface Backends {
  readonly store: DocumentStore;
  readonly fanout: Fanout | undefined;
  /** Log fields: which store (never a password), which fanout. */
  readonly fields: Record<string, unknown>;
  /** Closes the fanout, then the store (after the relay has closed). */
  close(): Promise<void>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** PostgreSQL when `databaseUrl` is set, else SQLite in the data dir; Redis fanout when `redisUrl` is set. */
export async function openBackends(options: ServeOptions, logger: Logger): Promise<Backends> {
  const { store, fields } = await openStore(options, logger);
  if (options.databaseUrl !== undefined && options.redisUrl === undefined) {
    // A shared database is for several processes; without a fanout they do not see each other live.
    logger.warn(
      { consequence: "clients of different relay processes see each other's changes only after a reload" },
      'fanout is off: the database is shared but REDIS_URL is not set',
    );
  }
  let fanout: Fanout | undefined;
  try {
    fanout =
      options.redisUrl === undefined
        ? undefined
        : await createRedisFanout({
            url: options.redisUrl,
            ...(options.redisPrefix === undefined ? {} : { prefix: options.redisPrefix }),
            connectionName: `marginalia-relay:${hostname()}:${process.pid}`,
            onError: (error) => logger.warn({ error: message(error) }, 'redis fanout error'),
          });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    fanout,
    fields: { ...fields, fanout: options.redisUrl === undefined ? null : `redis ${describeRedis(options.redisUrl)}` },
    async close() {
      await fanout?.close();
      await store.close();
    },
  };
}

async function openStore(
  options: ServeOptions,
  logger: Logger,
): Promise<{ store: DocumentStore; fields: Record<string, unknown> }> {
  if (options.databaseUrl !== undefined) {
    const store = await createPostgresStore({
      connectionString: options.databaseUrl,
      ...(options.databaseSchema === undefined ? {} : { schema: options.databaseSchema }),
      onIdleError: (error) => logger.warn({ error: message(error) }, 'postgres connection error'),
    });
    const schema = options.databaseSchema ?? 'public';
    return { store, fields: { database: `postgres ${describeDatabase(options.databaseUrl)}`, schema } };
  }
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const databasePath = join(dataDir, DATABASE_FILE);
  const store = createSqliteStore({ path: databasePath, synchronous: options.synchronous });
  return { store, fields: { dataDir, database: databasePath, synchronous: options.synchronous } };
}
