import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { concurrentPrepends, friendsForeverUpdates, insertFan, offlineMerge } from '@marginalia/testkit';
import { createConflictBudget } from './conflict-budget.js';
import { conflictSteps } from './conflict-steps.js';
import { DEFAULT_MAX_CONFLICT_STEPS } from './relay-core.js';

const estimate = (doc: Y.Doc, update: Uint8Array, budget = Number.POSITIVE_INFINITY): number =>
  conflictSteps(doc, Y.decodeUpdate(update).structs, budget);

describe('conflict steps: what concurrent inserts will cost Yjs, before they are applied', () => {
  it('a client prepending after another prepended at the same place walks all of the other one: n² steps', () => {
    const [first, second] = concurrentPrepends(2, 2000);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, first!);
    expect(estimate(doc, first!)).toBe(0); // held already: costs nothing
    expect(estimate(doc, second!)).toBe(2000 * 2000);
    // The estimate stops once past the budget: checking costs at most that.
    const capped = estimate(doc, second!, DEFAULT_MAX_CONFLICT_STEPS);
    expect(capped).toBeGreaterThan(DEFAULT_MAX_CONFLICT_STEPS);
    expect(capped).toBeLessThanOrEqual(DEFAULT_MAX_CONFLICT_STEPS + 2000);
  });

  it('one client prepending alone costs nothing (each insert lands before the previous one)', () => {
    const [only] = concurrentPrepends(1, 5000);
    expect(estimate(new Y.Doc(), only!)).toBe(0);
  });

  it('inserts from many client ids at one position in one update: about k²/2 steps', () => {
    expect(estimate(new Y.Doc(), insertFan(2000))).toBe((2000 * 1999) / 2);
  });

  it('spread over many updates, each later update walks over what the earlier ones left in the document', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, insertFan(0, { run: 500 }));
    const estimates: number[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const update = insertFan(100, { from: batch * 100, run: false });
      estimates.push(estimate(doc, update));
      Y.applyUpdate(doc, update);
    }
    console.log('spread fan: estimate per update of 100 client ids', estimates);
    for (let i = 1; i < estimates.length; i++) expect(estimates[i]!).toBeGreaterThanOrEqual(i * 100 * 100);
  });

  it('real concurrent typing costs next to nothing: friendsforever live and in bursts', () => {
    const { updates, endContent } = friendsForeverUpdates();
    const live = new Y.Doc();
    let max = 0;
    for (const { update } of updates) {
      max = Math.max(max, estimate(live, update));
      Y.applyUpdate(live, update);
    }
    expect(live.getText('body').toString()).toBe(endContent);
    // In bursts, as clients that reconnect now and then send them: each author's updates of every
    // 500 transactions merged into one, the second author's burst first.
    const bursts = new Y.Doc();
    let burstMax = 0;
    for (let i = 0; i < updates.length; i += 500) {
      const slice = updates.slice(i, i + 500);
      for (const client of [...new Set(slice.map((u) => u.client))].reverse()) {
        const burst = Y.mergeUpdates(slice.filter((u) => u.client === client).map((u) => u.update));
        burstMax = Math.max(burstMax, estimate(bursts, burst));
        Y.applyUpdate(bursts, burst);
      }
    }
    expect(bursts.getText('body').toString()).toBe(endContent);
    console.log(`friendsforever (${updates.length} updates): max ${max} steps live, ${burstMax} in bursts`);
    expect(max).toBeLessThan(100);
    expect(burstMax).toBeLessThan(DEFAULT_MAX_CONFLICT_STEPS / 100);
  }, 60_000);

  it('an offline merge of 200 clients (many typing at the same end of the note) stays far below the bound', () => {
    const { base, updates } = offlineMerge(200, 3);
    const relay = new Y.Doc();
    Y.applyUpdate(relay, base);
    let max = 0;
    for (const { update } of updates) {
      max = Math.max(max, estimate(relay, update));
      Y.applyUpdate(relay, update);
    }
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, base);
    const merged = estimate(fresh, Y.mergeUpdates(updates.map((u) => u.update)));
    console.log(`offline merge of 200 clients: max ${max} steps one by one, ${merged} merged into one update`);
    expect(Math.max(max, merged)).toBeLessThan(DEFAULT_MAX_CONFLICT_STEPS / 10);
  }, 60_000);
});

describe('conflict budget of a document', () => {
  it('refuses an update past maxSteps, and pays the rest from a bucket refilled at stepsPerSecond', () => {
    const [first, second] = concurrentPrepends(2, 700);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, first!);
    let now = 0;
    const budget = createConflictBudget(doc, { maxSteps: 1_000_000, stepsPerSecond: 250_000 }, () => now);
    const costly = Y.decodeUpdate(second!).structs; // 490,000 steps
    expect(budget.charge(costly)).toBeUndefined();
    expect(budget.charge(costly)).toBeUndefined();
    expect(budget.charge(costly)).toBe('concurrent_insert_rate');
    expect(budget.charge(Y.decodeUpdate(first!).structs)).toBeUndefined(); // held already: free
    now += 2000; // 500,000 steps back
    expect(budget.charge(costly)).toBeUndefined();
    const [, over] = concurrentPrepends(2, 1500); // 1,500 × 700 steps
    expect(budget.charge(Y.decodeUpdate(over!).structs)).toBe('concurrent_inserts');
  });
});
