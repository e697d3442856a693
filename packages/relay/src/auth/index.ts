export { isAuthEnabled, MIN_SECRET_BYTES, type AuthConfig, type TokenClaims } from './auth-config.js';
export { AuthConfigError, TokenError, type AuthErrorCode } from './auth-error.js';
export {
  createAuthenticator,
  type Access,
  type AuthDecision,
  type AuthRequest,
  type Authenticator,
} from './authenticator.js';
export { isValidDocPattern, matchAnyDocPattern, matchDocPattern } from './doc-pattern.js';
export { checkOpenListen, isLoopbackHost, OpenListenError } from './loopback.js';
export { mintToken, type MintTokenOptions } from './mint-token.js';
export { createRelayAuth, type CreatedRelayAuth, type RelayAuthOptions } from './relay-auth.js';
export { createOriginCheck, type OriginCheck } from './origin-check.js';
export { parseDurationSeconds } from './parse-duration.js';
export { queryParam, redactUrl, tokenFromRequest } from './request-token.js';
export { createTokenVerifier, MAX_TOKEN_CHARS, MAX_TOKEN_DOC_PATTERNS, type TokenVerifier } from './token-verifier.js';
