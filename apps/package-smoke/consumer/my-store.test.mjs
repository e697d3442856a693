// The @marginalia/conformance README's snippet, as an adapter author runs it (`npx vitest run`).
import { runDocumentStoreConformance } from '@marginalia/conformance';
import { createMemoryStore } from '@marginalia/relay';

runDocumentStoreConformance('my store', async () => ({
  store: createMemoryStore(), // your DocumentStore here
  cleanup: async () => {},
}));
