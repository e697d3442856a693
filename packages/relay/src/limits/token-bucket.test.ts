import { describe, expect, it } from 'vitest';
import { createIpConnectionCounter, normalizeIp } from './ip-connection-counter.js';
import { createTokenBucket } from './token-bucket.js';

describe('createTokenBucket', () => {
  it('starts full, empties, and refills at the rate up to the burst', () => {
    let now = 0;
    const bucket = createTokenBucket(10, 5, () => now);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now = 100; // 0.1 s -> one token
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now = 60_000;
    expect(bucket.available()).toBe(5);
  });

  it('charges costs and never pays one above the burst', () => {
    let now = 0;
    const bucket = createTokenBucket(100, 50, () => now);
    expect(bucket.take(40)).toBe(true);
    expect(bucket.take(20)).toBe(false);
    expect(bucket.available()).toBe(10);
    now = 10_000;
    expect(bucket.take(51)).toBe(false);
  });

  it('ignores a clock that goes backwards', () => {
    let now = 1000;
    const bucket = createTokenBucket(1, 1, () => now);
    expect(bucket.take()).toBe(true);
    now = 0;
    expect(bucket.take()).toBe(false);
  });
});

describe('createIpConnectionCounter', () => {
  it('refuses past the maximum per address and frees slots once', () => {
    const counter = createIpConnectionCounter(2);
    const a = counter.acquire('1.1.1.1')!;
    const b = counter.acquire('1.1.1.1')!;
    expect(counter.acquire('1.1.1.1')).toBeUndefined();
    expect(counter.acquire('2.2.2.2')).toBeTypeOf('function');
    a();
    a();
    expect(counter.count('1.1.1.1')).toBe(1);
    expect(counter.acquire('1.1.1.1')).toBeTypeOf('function');
    b();
    expect(counter.count('1.1.1.1')).toBe(1);
  });

  it('folds IPv4-mapped addresses', () => {
    expect(normalizeIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeIp('::1')).toBe('::1');
  });
});
