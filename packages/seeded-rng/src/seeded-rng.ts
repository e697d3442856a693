/**
 * A small seeded PRNG (mulberry32) for fuzz tests: the same seed gives the same sequence, so a
 * failing random test can be replayed with `SEED=<n>`. Call it like `Math.random`.
 */
export interface Rng {
  /** A float in [0, 1). */
  (): number;
  readonly seed: number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A uniformly chosen element; undefined for an empty list. */
  pick<T>(items: readonly T[]): T | undefined;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return Object.assign(next, {
    seed,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[int(items.length)]),
  });
}

/**
 * The seeds of one fuzz run: `[replay]` when a seed is given (the value of `SEED`), else `count`
 * consecutive seeds from a time-based base, so every run explores new cases.
 */
export function fuzzSeeds(replay: string | undefined, count: number, base = Date.now() % 1_000_000): number[] {
  if (replay !== undefined && replay.trim() !== '') {
    const seed = Number(replay);
    if (!Number.isSafeInteger(seed)) throw new RangeError(`SEED must be an integer, not ${replay}`);
    return [seed];
  }
  return Array.from({ length: count }, (_, i) => base + i);
}
