export { StorageError, type AppendBatchEntry, type DocumentStore, type StoredUpdate } from './ports/document-store.js';
export { createMemoryStore } from './storage/memory-store.js';
// Safety: doc names, auth, limits (see docs/operations.md "Security and limits").
export { MAX_DOC_NAME_BYTES, isValidDocName, parseDocName, parseDocNameFromPath, validateDocName } from './doc-name.js';
export type { DocNameErrorCode, DocNameResult } from './doc-name.js';
export {
  AuthConfigError,
  TokenError,
  checkOpenListen,
  createAuthenticator,
  createOriginCheck,
  createRelayAuth,
  createTokenVerifier,
  isAuthEnabled,
  isLoopbackHost,
  isValidDocPattern,
  matchDocPattern,
  mintToken,
  OpenListenError,
  parseDurationSeconds,
  redactUrl,
  tokenFromRequest,
} from './auth/index.js';
export type {
  AuthConfig,
  Authenticator,
  CreatedRelayAuth,
  MintTokenOptions,
  RelayAuthOptions,
  TokenClaims,
} from './auth/index.js';
export { DEFAULT_LIMITS, LimitsConfigError, createLimits, resolveLimits } from './limits/index.js';
export type { CreatedLimits, LimitsOptions, ResolvedLimits } from './limits/index.js';
// The relay: createRelay (hono app + WebSocket server), the core, ports and metrics.
export { createRelay, DEFAULT_MAX_FRAME_BYTES } from './create-relay.js';
export type { Relay, RelayConfig, UpgradeApp } from './create-relay.js';
export { RelayConfigError, RelayMountError } from './http/base-path.js';
export type { UpgradeFetch, UpgradeHandler } from './http/relay-upgrade.js';
export { listenRelay } from './http/listen-relay.js';
export { createClientAddress, TrustedProxyError, type ClientAddress } from './http/client-address.js';
export type { ListenOptions, RelayServer } from './http/listen-relay.js';
export {
  createRelayCore,
  DEFAULT_COMPACTION,
  DEFAULT_MAX_DOC_BYTES,
  DEFAULT_MAX_LOADED_DOCS,
  DEFAULT_MAX_PENDING_BYTES,
  DEFAULT_PERSIST_WINDOW_MS,
} from './core/relay-core.js';
export type { ConnectionHandle, RelayCore, RelayCoreOptions } from './core/relay-core.js';
export { RelayError, isRelayError } from './core/relay-error.js';
export type { RelayErrorCode } from './core/relay-error.js';
export { createRelayMetrics } from './core/relay-metrics.js';
export type { RelayMetrics } from './core/relay-metrics.js';
export { createCountingRegistry } from './core/metrics-registry.js';
export { createPromMetricsRegistry } from './metrics/prom-metrics-registry.js';
export type { PromMetricsOptions, PromMetricsRegistry } from './metrics/prom-metrics-registry.js';
export type { Counter, Gauge, Histogram, Labels, MetricsRegistry } from './core/metrics-registry.js';
export { createSilentLogger } from './core/logger.js';
export type { Logger } from './core/logger.js';
export type { CompactionPolicy } from './core/persister.js';
export { createLocalFanout } from './core/local-fanout.js';
export type {
  Fanout,
  FanoutHealth,
  FanoutKind,
  FanoutListener,
  FanoutMessage,
  FanoutResyncCause,
} from './ports/fanout.js';
export type { ResyncCause } from './core/resync-cause.js';
export type { RelaySocket } from './ports/socket.js';
export type {
  AdmissionRequest,
  AuthDecision as AdmissionAuthDecision,
  ConnectionContext,
  FrameInfo,
  FrameMeter,
  Refusal,
  RelayAuth,
  RelayLimits,
} from './ports/admission.js';
export { encodeBase64Url, decodeBase64Url } from './http/base64url.js';
