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
  return new Bucket(ratePerSecond, burst, clock);
}

/**
 * A class, not closures: every connection holds three of them, and methods on the prototype cost
 * nothing per instance (closures cost a function object each, plus a `name` property array under
 * tsx, which keeps function names).
 */
class Bucket implements TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.clock();
    if (now > this.last)
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }
}
