export { createPostgresStore, describeDatabase, type PostgresStoreOptions } from './postgres-store.js';
export { SCHEMA_VERSION } from './schema.js';
