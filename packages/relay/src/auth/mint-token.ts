import { SignJWT } from 'jose';
import { TokenError } from './auth-error.js';
import { isValidDocPattern } from './doc-pattern.js';
import { secretBytes } from './verification-key.js';

export interface MintTokenOptions {
  /** HS256 secret (the relay's AUTH_SECRET). */
  readonly secret: string | Uint8Array;
  readonly userId: string;
  /** Doc names or patterns (see doc-pattern.ts). */
  readonly docs: readonly string[];
  readonly mode: 'read' | 'write';
  /** Lifetime in seconds. */
  readonly ttlSeconds: number;
  readonly issuer?: string;
  readonly audience?: string;
  /** Issue time, seconds since the epoch; defaults to now. */
  readonly issuedAt?: number;
}

/** Signs an HS256 token the relay accepts: `{ sub, docs, mode, iat, exp }`. */
export async function mintToken(options: MintTokenOptions): Promise<string> {
  if (options.userId === '') throw new TokenError('token_invalid', 'a token needs a user id');
  const bad = options.docs.find((doc) => !isValidDocPattern(doc));
  if (bad !== undefined)
    throw new TokenError('token_invalid', `not a valid doc name or pattern: ${JSON.stringify(bad)}`);
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ docs: [...options.docs], mode: options.mode })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.ttlSeconds);
  if (options.issuer !== undefined) jwt = jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt = jwt.setAudience(options.audience);
  return jwt.sign(secretBytes(options.secret));
}
