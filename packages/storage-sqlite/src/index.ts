export { createSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export type { SynchronousMode } from './open-database.js';
export { SCHEMA_VERSION } from './schema.js';
