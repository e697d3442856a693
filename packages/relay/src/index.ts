export { StorageError, type DocumentStore, type StoredUpdate } from './ports/document-store.js';
export { createMemoryStore } from './storage/memory-store.js';
