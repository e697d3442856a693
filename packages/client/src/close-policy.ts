import { CloseCode, closeAction } from '@marginalia/protocol';
import { ClientError, type ClientErrorCode } from './client-error.js';

/** What the transport does after a socket closed with a given code. */
export type CloseDecision =
  | { readonly kind: 'stop'; readonly error: ClientError }
  | { readonly kind: 'refresh-token' }
  | { readonly kind: 'retry'; readonly backoff: 'normal' | 'rate-limited' };

export interface CloseContext {
  /** There is a `getToken()` to ask for a fresh token. */
  readonly canRefresh: boolean;
  /** A fresh token was already asked for since the last socket that opened (a second 4401 stops). */
  readonly refreshedSinceOpen: boolean;
}

const STOP_CODES: Readonly<Record<number, ClientErrorCode>> = {
  [CloseCode.BadRequest]: 'bad_request',
  [CloseCode.Unauthenticated]: 'unauthenticated',
  [CloseCode.Forbidden]: 'forbidden',
  [CloseCode.NotFound]: 'not_found',
  [CloseCode.TooLarge]: 'too_large',
};

/**
 * The close-code policy: stop on 44xx (typed error), refresh the token once on 4401, back off longer on 4429,
 * retry with backoff on anything else.
 */
export function decideAfterClose(code: number, context: CloseContext): CloseDecision {
  const action = closeAction(code);
  if (action === 'stop') {
    return {
      kind: 'stop',
      error: new ClientError(STOP_CODES[code] ?? 'bad_request', `the relay closed the connection with ${code}`, {
        closeCode: code,
      }),
    };
  }
  if (action === 'refresh-token') {
    if (!context.canRefresh || context.refreshedSinceOpen) {
      return {
        kind: 'stop',
        error: new ClientError('unauthenticated', 'the relay refused the token', { closeCode: code }),
      };
    }
    return { kind: 'refresh-token' };
  }
  return { kind: 'retry', backoff: code === CloseCode.RateLimited ? 'rate-limited' : 'normal' };
}
