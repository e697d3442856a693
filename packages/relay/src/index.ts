export { StorageError, type DocumentStore, type StoredUpdate } from './ports/document-store.js';
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
export type { AuthConfig, Authenticator, CreatedRelayAuth, MintTokenOptions, RelayAuthOptions, TokenClaims } from './auth/index.js';
export { DEFAULT_LIMITS, LimitsConfigError, createLimits, resolveLimits } from './limits/index.js';
export type { CreatedLimits, LimitsOptions, ResolvedLimits } from './limits/index.js';
