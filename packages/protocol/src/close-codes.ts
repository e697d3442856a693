/** WebSocket close codes the relay uses. The client stops retrying on 44xx except 4429. */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  Internal: 1011,
  BadRequest: 4400,
  Unauthenticated: 4401,
  Forbidden: 4403,
  NotFound: 4404,
  TooLarge: 4413,
  RateLimited: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** What a client does after the socket closed with a given code. */
export type CloseAction = 'retry' | 'refresh-token' | 'stop';

/**
 * The client's reaction to a close code: 4401 -> get a fresh token, then reconnect;
 * any other 44xx except 4429 -> stop retrying (the same request would fail again);
 * everything else (1000, 1001, 1006, 1011, 4429, ...) -> reconnect with backoff and jitter.
 */
export function closeAction(code: number): CloseAction {
  if (code === CloseCode.Unauthenticated) return 'refresh-token';
  if (code === CloseCode.RateLimited) return 'retry';
  if (code >= 4400 && code <= 4499) return 'stop';
  return 'retry';
}
