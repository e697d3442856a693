import { describe, expect, it } from 'vitest';
import { createRng, fuzzSeeds } from './seeded-rng.js';

describe('createRng', () => {
  it('replays the same sequence for the same seed and a different one for another seed', () => {
    const take = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 20 }, () => rng());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('is mulberry32 (the sequence the model convergence seeds were recorded with)', () => {
    const rng = createRng(1);
    expect([rng(), rng(), rng()].map((x) => Math.floor(x * 2 ** 32))).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('int stays in range and reaches both ends; pick covers every item; chance follows p', () => {
    const rng = createRng(7);
    const ints = Array.from({ length: 2000 }, () => rng.int(5));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4]));
    const picked = new Set(Array.from({ length: 200 }, () => rng.pick(['a', 'b', 'c'])));
    expect(picked).toEqual(new Set(['a', 'b', 'c']));
    expect(rng.pick([])).toBeUndefined();
    const hits = Array.from({ length: 4000 }, () => rng.chance(0.25)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(800);
    expect(hits).toBeLessThan(1200);
    expect(rng.seed).toBe(7);
  });
});

describe('fuzzSeeds', () => {
  it('replays the given seed alone, or gives count consecutive seeds from the base', () => {
    expect(fuzzSeeds('123', 5)).toEqual([123]);
    expect(fuzzSeeds(undefined, 3, 10)).toEqual([10, 11, 12]);
    expect(fuzzSeeds('', 2, 4)).toEqual([4, 5]);
    expect(() => fuzzSeeds('abc', 2)).toThrow(RangeError);
  });
});
