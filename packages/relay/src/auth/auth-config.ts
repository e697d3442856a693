/**
 * Auth configuration of the relay. With neither `secret` nor `publicKey` the relay is open
 * (every connection may read and write every doc); `apps/relay-server` then only listens on loopback.
 */
export interface AuthConfig {
  /** HS256 shared secret (AUTH_SECRET); at least 32 bytes. */
  readonly secret?: string | Uint8Array;
  /** SPKI PEM public key (AUTH_PUBLIC_KEY) for ES256/ES384/ES512/RS256/PS256/EdDSA tokens. */
  readonly publicKey?: string;
  /** Algorithm of `publicKey`; inferred from the key when absent (RSA keys default to RS256). */
  readonly publicKeyAlgorithm?: string;
  /** Required `iss` claim, when set. */
  readonly issuer?: string;
  /** Required `aud` claim, when set. */
  readonly audience?: string;
  /** Allowed clock skew for `exp`/`nbf`, seconds. Default 30. */
  readonly clockToleranceSeconds?: number;
  /**
   * Longest lifetime a token may have, seconds (`exp` minus `iat`, or minus now without `iat`);
   * longer ones are refused (401 `token_invalid`). Unbounded by default.
   */
  readonly maxTokenLifetimeSeconds?: number;
}

/** Minimum HS256 secret length in bytes (RFC 7518 §3.2: a key at least as long as the hash). */
export const MIN_SECRET_BYTES = 32;

/** The claims the relay reads from a token, after verification. */
export interface TokenClaims {
  /** `sub`: the user id. */
  readonly userId: string;
  /** `docs`: doc names or patterns (see doc-pattern.ts). */
  readonly docs: readonly string[];
  /** `mode`: `write` may read and write; `read` (also the default when absent) only reads. */
  readonly mode: 'read' | 'write';
  /** `exp` in ms since the epoch: an open socket is closed with 4401 then. */
  readonly expiresAt: number;
}

export function isAuthEnabled(config: AuthConfig | undefined): boolean {
  return config?.secret !== undefined || config?.publicKey !== undefined;
}
