import { importSPKI } from 'jose';
import { AuthConfigError } from './auth-error.js';
import { MIN_SECRET_BYTES, type AuthConfig } from './auth-config.js';

/** A loaded key and the algorithms tokens may use with it. */
export interface VerificationKey {
  readonly key: CryptoKey | Uint8Array;
  readonly algorithms: readonly string[];
}

const INFERRED_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'EdDSA'] as const;

/** Loads the key named by an enabled auth config. Throws {@link AuthConfigError}. */
export async function loadVerificationKey(config: AuthConfig): Promise<VerificationKey> {
  if (config.secret !== undefined && config.publicKey !== undefined) {
    throw new AuthConfigError('auth_key_conflict', 'configure either an auth secret or a public key, not both');
  }
  if (config.secret !== undefined) return { key: secretBytes(config.secret), algorithms: ['HS256'] };
  if (config.publicKey === undefined) throw new AuthConfigError('auth_key_invalid', 'no auth key configured');
  const candidates = config.publicKeyAlgorithm ? [config.publicKeyAlgorithm] : INFERRED_ALGORITHMS;
  const failures: unknown[] = [];
  for (const algorithm of candidates) {
    try {
      return { key: await importSPKI(config.publicKey, algorithm), algorithms: [algorithm] };
    } catch (error) {
      failures.push(error);
    }
  }
  throw new AuthConfigError(
    'auth_key_invalid',
    `the auth public key is not an SPKI PEM key for ${candidates.join('/')}`,
    { cause: failures[failures.length - 1] },
  );
}

/** The HS256 key bytes of a secret; refuses secrets shorter than {@link MIN_SECRET_BYTES}. */
export function secretBytes(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (bytes.byteLength < MIN_SECRET_BYTES) {
    throw new AuthConfigError(
      'auth_secret_too_short',
      `the auth secret must be at least ${MIN_SECRET_BYTES} bytes (got ${bytes.byteLength})`,
    );
  }
  return bytes;
}
