export { runDocumentStoreConformance, type DocumentStoreFixture } from './document-store-conformance.js';
export { createUpdateSource, docContent, docFromUpdates, type UpdateSource } from './create-update-source.js';
