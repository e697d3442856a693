/** Milliseconds clock; injectable for tests. */
export type Clock = () => number;

export interface TokenBucket {
  /** Takes `cost` tokens if available; false (and nothing taken) otherwise. */
  take(cost?: number): boolean;
  /** Tokens available now (fractional). */
  available(): number;
}

/**
 * A token bucket: holds at most `burst` tokens, refilled continuously at `ratePerSecond`.
 * Starts full. A cost larger than `burst` can never be paid.
 */
export function createTokenBucket(ratePerSecond: number, burst: number, clock: Clock = Date.now): TokenBucket {
  let tokens = burst;
  let last = clock();
  const refill = (): void => {
    const now = clock();
    if (now > last) tokens = Math.min(burst, tokens + ((now - last) / 1000) * ratePerSecond);
    last = now;
  };
  return {
    take(cost = 1) {
      refill();
      if (tokens < cost) return false;
      tokens -= cost;
      return true;
    },
    available() {
      refill();
      return tokens;
    },
  };
}
