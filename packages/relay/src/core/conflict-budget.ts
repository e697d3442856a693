import type * as Y from 'yjs';
import { conflictSteps } from './conflict-steps.js';

/** What concurrent inserts may cost a document (see conflict-steps.ts and decision 0007). */
export interface ConflictLimits {
  /** Estimated steps of Yjs' conflict resolution for one update. */
  readonly maxSteps: number;
  /** Steps per second per document; the burst is `maxSteps`. */
  readonly stepsPerSecond: number;
}

export type ConflictRefusal = 'concurrent_inserts' | 'concurrent_insert_rate';

export interface ConflictBudget {
  /** Charges an update's estimated steps; the refusal when it may not be integrated (nothing charged then). */
  charge(structs: readonly (Y.Item | Y.GC | Y.Skip)[]): ConflictRefusal | undefined;
  /** The refusal `charge` would give now, charging nothing. */
  assess(structs: readonly (Y.Item | Y.GC | Y.Skip)[]): ConflictRefusal | undefined;
}

/**
 * One document's conflict budget: an update whose estimate passes `maxSteps` is refused, and the
 * steps the document's updates cost are paid from a bucket refilled at `stepsPerSecond`, so that
 * many updates each just under the bound cannot hold the event loop either. Real editing costs
 * almost nothing here: the common insert's origins are still neighbours (zero steps).
 */
export function createConflictBudget(
  doc: Y.Doc,
  limits: ConflictLimits,
  clock: () => number = Date.now,
): ConflictBudget {
  let tokens = limits.maxSteps;
  let last = clock();
  const refill = (): void => {
    const now = clock();
    tokens = Math.min(limits.maxSteps, tokens + ((now - last) / 1000) * limits.stepsPerSecond);
    last = now;
  };
  /** The update's steps, or its refusal. */
  const judge = (structs: readonly (Y.Item | Y.GC | Y.Skip)[]): number | ConflictRefusal => {
    const steps = conflictSteps(doc, structs, limits.maxSteps);
    if (steps > limits.maxSteps) return 'concurrent_inserts';
    if (steps === 0) return 0;
    refill();
    return tokens < steps ? 'concurrent_insert_rate' : steps;
  };
  return {
    charge(structs) {
      const verdict = judge(structs);
      if (typeof verdict !== 'number') return verdict;
      tokens -= verdict;
      return undefined;
    },
    assess(structs) {
      const verdict = judge(structs);
      return typeof verdict === 'number' ? undefined : verdict;
    },
  };
}
