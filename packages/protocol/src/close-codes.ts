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
