import type { AdmissionRequest, AuthDecision, RelayAuth } from '../ports/admission.js';
import type { AuthConfig } from './auth-config.js';
import { createAuthenticator, type Authenticator } from './authenticator.js';
import { createRequestSourceCheck } from './open-mode-check.js';

export interface RelayAuthOptions extends AuthConfig {
  /**
   * Origin allowlist (exact origins or `*`). Absent or empty: any origin with a key; without one
   * (open), only same-origin and loopback origins. See open-mode-check.ts.
   */
  readonly allowedOrigins?: readonly string[];
  /** Host names accepted in the Host header (`*`: any). Absent: any with a key, loopback only when open. */
  readonly allowedHosts?: readonly string[];
}

export interface CreatedRelayAuth extends RelayAuth {
  /** False when the relay runs open (no secret, no public key). */
  readonly enabled: boolean;
  /** Rejects with AuthConfigError when the key is unusable; call at start-up to fail fast. */
  ready(): Promise<void>;
}

/**
 * The relay's `auth` hook: Origin allowlist (403 `origin_forbidden`), then the token
 * (401 `token_missing` / `token_invalid` / `token_expired`), then the doc scope
 * (403 `doc_forbidden`) and, for writes over HTTP, the mode (403 `read_only`).
 * A socket is admitted with a read-only token; its updates are refused later by the core.
 */
export function createRelayAuth(options: RelayAuthOptions = {}): CreatedRelayAuth {
  const authenticator: Authenticator = createAuthenticator(options);
  const sourceRefusal = createRequestSourceCheck({
    open: !authenticator.enabled,
    ...(options.allowedOrigins === undefined ? {} : { allowedOrigins: options.allowedOrigins }),
    ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
  });
  const authorize = async (request: AdmissionRequest): Promise<AuthDecision> => {
    const source = sourceRefusal(request.headers);
    if (source !== undefined) {
      return {
        ok: false,
        refusal: {
          code: 403,
          reason: source,
          message: source === 'host_forbidden' ? 'host not allowed' : 'origin not allowed',
        },
      };
    }
    const need = request.access === 'write' ? 'write' : 'read';
    const decision = await authenticator.authorizeToken(request.token, request.docName, need);
    if (!decision.ok)
      return { ok: false, refusal: { code: decision.status, reason: decision.reason, message: decision.message } };
    return {
      ok: true,
      canWrite: decision.canWrite,
      ...(decision.userId === undefined ? {} : { userId: decision.userId }),
      ...(decision.expiresAt === undefined ? {} : { expiresAt: decision.expiresAt }),
    };
  };
  return { enabled: authenticator.enabled, ready: authenticator.ready, authorize };
}
