import { isAuthEnabled, type AuthConfig } from './auth-config.js';
import { TokenError, type AuthErrorCode } from './auth-error.js';
import { matchAnyDocPattern } from './doc-pattern.js';
import { tokenFromRequest } from './request-token.js';
import { createTokenVerifier } from './token-verifier.js';

export type Access = 'read' | 'write';

export interface AuthRequest {
  /** The raw request target (path and query) or an absolute URL. */
  readonly url: string;
  /** The Authorization header, if any. */
  readonly authorization?: string | null;
  /** The validated doc name the request is for. */
  readonly docName: string;
  /** What the request needs: a socket or GET needs `read`, POST of an update needs `write`. */
  readonly need: Access;
}

export type AuthDecision =
  | { readonly ok: true; readonly userId: string | undefined; readonly canWrite: boolean; readonly expiresAt?: number }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: AuthErrorCode; readonly message: string };

export interface Authenticator {
  /** False when no secret/public key is configured: everything is allowed (loopback only). */
  readonly enabled: boolean;
  /** Rejects with AuthConfigError when the configured key is unusable. */
  ready(): Promise<void>;
  authorize(request: AuthRequest): Promise<AuthDecision>;
  /** The same decision for a token already taken from the request. */
  authorizeToken(token: string | undefined, docName: string, need: Access): Promise<AuthDecision>;
}

/**
 * 401 for a missing, malformed, badly signed or expired token; 403 when the token is fine but
 * does not name the doc, or names it read-only and the request needs `write`.
 */
export function createAuthenticator(config: AuthConfig | undefined): Authenticator {
  if (config === undefined || !isAuthEnabled(config)) {
    const open = async (): Promise<AuthDecision> => ({ ok: true, userId: undefined, canWrite: true });
    return { enabled: false, ready: async () => undefined, authorize: open, authorizeToken: open };
  }
  const verifier = createTokenVerifier(config);
  const authorizeToken = async (token: string | undefined, docName: string, need: Access): Promise<AuthDecision> => {
    let claims;
    try {
      claims = await verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenError) return { ok: false, status: 401, reason: error.code, message: error.message };
      throw error;
    }
    if (!matchAnyDocPattern(claims.docs, docName)) {
      return { ok: false, status: 403, reason: 'doc_forbidden', message: 'the token does not grant this document' };
    }
    const canWrite = claims.mode === 'write';
    if (need === 'write' && !canWrite) {
      return { ok: false, status: 403, reason: 'read_only', message: 'the token grants read-only access' };
    }
    return { ok: true, userId: claims.userId, canWrite, expiresAt: claims.expiresAt };
  };
  const authorize = (request: AuthRequest): Promise<AuthDecision> =>
    authorizeToken(tokenFromRequest(request.url, request.authorization), request.docName, request.need);
  return { enabled: true, ready: verifier.ready, authorize, authorizeToken };
}
