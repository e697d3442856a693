/** Why a request was refused by auth. Stable codes; also the `reason` label of refusal metrics. */
export type AuthErrorCode =
  'token_missing' | 'token_invalid' | 'token_expired' | 'doc_forbidden' | 'read_only' | 'origin_forbidden';

/** Thrown for a bad auth configuration (unusable key, secret too short); stops the relay starting. */
export class AuthConfigError extends Error {
  readonly code: 'auth_secret_too_short' | 'auth_key_invalid' | 'auth_key_conflict';
  constructor(code: AuthConfigError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthConfigError';
    this.code = code;
  }
}

/** Thrown by the token verifier; `code` says which. */
export class TokenError extends Error {
  readonly code: 'token_missing' | 'token_invalid' | 'token_expired';
  constructor(code: TokenError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenError';
    this.code = code;
  }
}
