import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff.js';

describe('createBackoff', () => {
  it('doubles, stays within [step/2, step] and never passes the cap', () => {
    const low = createBackoff({ initialMs: 100, maxMs: 1000 }, () => 0);
    const high = createBackoff({ initialMs: 100, maxMs: 1000 }, () => 1);
    expect(Array.from({ length: 6 }, () => low.next())).toEqual([50, 100, 200, 400, 500, 500]);
    expect(Array.from({ length: 6 }, () => high.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('spreads clients that failed at the same moment (jitter)', () => {
    let seed = 1;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const delays = new Set(Array.from({ length: 20 }, () => createBackoff({}, random).next()));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('waits far longer after "rate limited" and starts over after reset', () => {
    const backoff = createBackoff({ initialMs: 500, rateLimitedMs: 10_000 }, () => 0.5);
    expect(backoff.next('rate-limited')).toBeGreaterThanOrEqual(5000);
    backoff.reset();
    expect(backoff.failures).toBe(0);
    expect(backoff.next()).toBeLessThan(500);
  });
});
