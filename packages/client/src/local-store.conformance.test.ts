import { IDBFactory } from 'fake-indexeddb';
import { runLocalStoreConformance } from '@marginalia/testkit';
import { createIndexedDbStoreProvider } from './indexeddb-store.js';
import { createMemoryStoreProvider } from './memory-store.js';

runLocalStoreConformance('indexeddb (fake-indexeddb)', () =>
  createIndexedDbStoreProvider({ indexedDB: new IDBFactory() }),
);
runLocalStoreConformance('memory', () => createMemoryStoreProvider());
