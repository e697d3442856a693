export { runDocumentStoreConformance, type DocumentStoreFixture } from './document-store-conformance.js';
export { createUpdateSource, docContent, docFromUpdates, type UpdateSource } from './create-update-source.js';
export {
  runLocalStoreConformance,
  type ConformanceLocalStore,
  type ConformanceLocalStoreProvider,
  type ConformanceMetaValue,
} from './local-store-conformance.js';
