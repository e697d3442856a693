// The conformance suites moved to the public @marginalia/conformance package; re-exported here for
// the workspace's own tests.
export {
  runDocumentStoreConformance,
  runFanoutConformance,
  runLocalStoreConformance,
  createUpdateSource,
  docContent,
  docFromUpdates,
  type DocumentStoreFixture,
  type FanoutFixture,
  type UpdateSource,
  type ConformanceLocalStore,
  type ConformanceLocalStoreProvider,
  type ConformanceMetaValue,
} from '@marginalia/conformance';
// Relay process and client helpers (tests against the real relay program).
export { startRelayProcess, createTempDir, removeTempDir, RELAY_MAIN } from './relay-process.js';
export type { RelayProcess, RelayProcessOptions, RelayLogLine } from './relay-process.js';
export { connectStockClient } from './stock-client.js';
export type { StockClient, StockClientOptions } from './stock-client.js';
export { connectRawClient } from './raw-sync-client.js';
export { forgeDeletion, forgeDeletions, forgeGc, forgeItems } from './forge-update.js';
export { concurrentPrepends, insertFan } from './concurrent-inserts.js';
export { friendsForeverUpdates, offlineMerge, type SentUpdate } from './editing-traces.js';
export type { CloseInfo, RawSyncClient, RawSyncClientOptions } from './raw-sync-client.js';
export { startTcpProxy } from './tcp-proxy.js';
export type { TcpProxy, TcpProxyMode } from './tcp-proxy.js';
export { startUpgradeGateProxy } from './upgrade-gate-proxy.js';
export type { UpgradeGateProxy } from './upgrade-gate-proxy.js';
export { waitUntil, withTimeout, WaitTimeoutError } from '@marginalia/conformance';
export { createRng, fuzzSeeds, type Rng } from '@marginalia/seeded-rng';
