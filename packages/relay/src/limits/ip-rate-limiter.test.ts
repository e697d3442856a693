import { describe, expect, it } from 'vitest';
import { createIpRateLimiter } from './ip-rate-limiter.js';

describe('createIpRateLimiter', () => {
  it('takes a burst per address, then says how many seconds until the next token', () => {
    let now = 0;
    const limiter = createIpRateLimiter(0.5, 3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([undefined, undefined, undefined]);
    expect(limiter.take('a')).toBe(2); // one token every 2 s
    expect(limiter.take('b')).toBeUndefined();
    now += 1000;
    expect(limiter.take('a')).toBe(1);
    now += 1000;
    expect(limiter.take('a')).toBeUndefined();
  });
});
