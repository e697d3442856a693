import { createTokenBucket, type Clock, type TokenBucket } from './token-bucket.js';

/** A token bucket per remote address. */
export interface IpRateLimiter {
  /** Takes one token for `ip`: undefined when taken, else the seconds until one is available. */
  take(ip: string): number | undefined;
}

/** Addresses held before idle (full) buckets are dropped: a full bucket is the same as a new one. */
const SWEEP_AT = 10_000;

export function createIpRateLimiter(ratePerSecond: number, burst: number, clock: Clock = Date.now): IpRateLimiter {
  const buckets = new Map<string, TokenBucket>();
  const sweep = (): void => {
    for (const [ip, bucket] of buckets) if (bucket.available() >= burst) buckets.delete(ip);
  };
  return {
    take(ip) {
      let bucket = buckets.get(ip);
      if (bucket === undefined) {
        if (buckets.size >= SWEEP_AT) sweep();
        bucket = createTokenBucket(ratePerSecond, burst, clock);
        buckets.set(ip, bucket);
      }
      if (bucket.take()) return undefined;
      return Math.max(1, Math.ceil((1 - bucket.available()) / ratePerSecond));
    },
  };
}
