// The memory store of @marginalia/relay runs the conformance suite here rather than beside its
// code: a relay test importing this package would make the two TypeScript projects reference
// each other, which `tsc -b` refuses.
import { createMemoryStore } from '@marginalia/relay';
import { runDocumentStoreConformance } from './document-store-conformance.js';

runDocumentStoreConformance('memory', async () => ({
  store: createMemoryStore(),
  cleanup: async () => {},
}));
