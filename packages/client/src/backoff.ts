/** Reconnect delays: exponential, capped, with jitter; longer after the relay said "rate limited". */
export interface BackoffOptions {
  /** First delay before jitter, in ms. Default 500. */
  readonly initialMs?: number;
  /** Largest delay, in ms. Default 30 000. */
  readonly maxMs?: number;
  /** Smallest delay after a 4429 (rate limited), in ms; grows from there like the others. Default 10 000. */
  readonly rateLimitedMs?: number;
  /** Largest delay after a 4429, in ms. Default 120 000. */
  readonly rateLimitedMaxMs?: number;
}

export interface Backoff {
  /** The delay before the next attempt; each call counts as one more failure. */
  next(kind?: 'normal' | 'rate-limited'): number;
  /** Back to the first delay (after a connection worked). */
  reset(): void;
  readonly failures: number;
}

/**
 * "Equal jitter": half of the exponential step is fixed and half is random, so delays never collapse to
 * zero (no storm) and many clients that failed at the same moment spread out.
 */
export function createBackoff(options: BackoffOptions = {}, random: () => number = Math.random): Backoff {
  const initialMs = options.initialMs ?? 500;
  const maxMs = options.maxMs ?? 30_000;
  const rateLimitedMs = options.rateLimitedMs ?? 10_000;
  const rateLimitedMaxMs = options.rateLimitedMaxMs ?? 120_000;
  let failures = 0;

  return {
    next(kind = 'normal') {
      const base = kind === 'rate-limited' ? rateLimitedMs : initialMs;
      const cap = kind === 'rate-limited' ? rateLimitedMaxMs : maxMs;
      const step = Math.min(cap, base * 2 ** Math.min(failures, 30));
      failures += 1;
      return Math.round(step / 2 + random() * (step / 2));
    },
    reset() {
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
}
