// Acceptance suites for people who write their own adapters: run them from your own Vitest tests
// against your DocumentStore, Fanout or LocalStore (see README.md).
export { runDocumentStoreConformance, type DocumentStoreFixture } from './document-store-conformance.js';
export { runFanoutConformance, type FanoutFixture } from './fanout-conformance.js';
export { createUpdateSource, docContent, docFromUpdates, type UpdateSource } from './create-update-source.js';
export {
  runLocalStoreConformance,
  type ConformanceLocalStore,
  type ConformanceLocalStoreProvider,
  type ConformanceMetaValue,
} from './local-store-conformance.js';
export { waitUntil, withTimeout, WaitTimeoutError } from './wait-for.js';
