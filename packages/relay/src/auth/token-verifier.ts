import { errors, jwtVerify, type JWTPayload } from 'jose';
import { TokenError } from './auth-error.js';
import type { AuthConfig, TokenClaims } from './auth-config.js';
import { isValidDocPattern } from './doc-pattern.js';
import { loadVerificationKey, type VerificationKey } from './verification-key.js';

/** At most this many patterns per token; keeps per-connection matching cheap. */
export const MAX_TOKEN_DOC_PATTERNS = 256;
/** Tokens longer than this are refused without parsing. */
export const MAX_TOKEN_CHARS = 8192;

export interface TokenVerifier {
  /** Resolves once the key is loaded; rejects with AuthConfigError for an unusable key. */
  ready(): Promise<void>;
  /** Verifies signature, expiry and claims. Throws {@link TokenError}. */
  verify(token: string | undefined): Promise<TokenClaims>;
}

/** A verifier for an enabled auth config (`secret` or `publicKey` set). */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const keyPromise = loadVerificationKey(config);
  // The rejection is reported by ready() and by every verify(); keep it from going unhandled.
  keyPromise.catch(() => undefined);
  const ready = async (): Promise<void> => {
    await keyPromise;
  };
  const verify = async (token: string | undefined): Promise<TokenClaims> => {
    if (token === undefined || token === '') throw new TokenError('token_missing', 'no token given');
    if (token.length > MAX_TOKEN_CHARS) throw new TokenError('token_invalid', 'token too long');
    const payload = await verifySignature(token, await keyPromise, config);
    checkLifetime(payload, config.maxTokenLifetimeSeconds);
    return readClaims(payload);
  };
  return { ready, verify };
}

async function verifySignature(token: string, key: VerificationKey, config: AuthConfig): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, key.key, {
      algorithms: [...key.algorithms],
      issuer: config.issuer,
      audience: config.audience,
      clockTolerance: config.clockToleranceSeconds ?? 30,
      requiredClaims: ['sub', 'exp'],
    });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new TokenError('token_expired', 'token expired', { cause: error });
    if (error instanceof errors.JOSEError || error instanceof TypeError) {
      throw new TokenError('token_invalid', `token rejected: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function checkLifetime(payload: JWTPayload, maxSeconds: number | undefined): void {
  if (maxSeconds === undefined || payload.exp === undefined) return;
  const from = typeof payload.iat === 'number' ? Math.min(payload.iat, Date.now() / 1000) : Date.now() / 1000;
  if (payload.exp - from > maxSeconds) throw new TokenError('token_invalid', `token lifetime over ${maxSeconds} s`);
}

function readClaims(payload: JWTPayload): TokenClaims {
  const { sub, docs, mode } = payload as JWTPayload & { docs?: unknown; mode?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new TokenError('token_invalid', 'token has no user (sub)');
  if (!Array.isArray(docs) || docs.length > MAX_TOKEN_DOC_PATTERNS) {
    throw new TokenError('token_invalid', 'token has no docs claim (array of doc names or patterns)');
  }
  if (!docs.every((doc): doc is string => typeof doc === 'string' && isValidDocPattern(doc))) {
    throw new TokenError('token_invalid', 'token docs claim holds an invalid pattern');
  }
  if (mode !== undefined && mode !== 'read' && mode !== 'write') {
    throw new TokenError('token_invalid', "token mode must be 'read' or 'write'");
  }
  return { userId: sub, docs, mode: mode ?? 'read', expiresAt: (payload.exp as number) * 1000 };
}
