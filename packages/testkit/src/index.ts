export { runDocumentStoreConformance, type DocumentStoreFixture } from './document-store-conformance.js';
export { runFanoutConformance, type FanoutFixture } from './fanout-conformance.js';
export { createUpdateSource, docContent, docFromUpdates, type UpdateSource } from './create-update-source.js';
export {
  runLocalStoreConformance,
  type ConformanceLocalStore,
  type ConformanceLocalStoreProvider,
  type ConformanceMetaValue,
} from './local-store-conformance.js';
// Relay process and client helpers (tests against the real relay program).
export { startRelayProcess, createTempDir, removeTempDir, RELAY_MAIN } from './relay-process.js';
export type { RelayProcess, RelayProcessOptions, RelayLogLine } from './relay-process.js';
export { connectStockClient } from './stock-client.js';
export type { StockClient, StockClientOptions } from './stock-client.js';
export { connectRawClient } from './raw-sync-client.js';
export type { CloseInfo, RawSyncClient, RawSyncClientOptions } from './raw-sync-client.js';
export { startTcpProxy } from './tcp-proxy.js';
export type { TcpProxy, TcpProxyMode } from './tcp-proxy.js';
export { waitUntil, withTimeout, WaitTimeoutError } from './wait-for.js';
export { createRng, fuzzSeeds, type Rng } from './seeded-rng.js';
