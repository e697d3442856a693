import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRng } from '@marginalia/seeded-rng';
import { createReplica, receive, type Replica } from './test-helpers.js';
import { HIGHLIGHT_COLORS } from './colors.js';

// Seeded convergence fuzzing: replay one case with SEED=<n> (the failing seed is in the error message).
const FIXED_SEED = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
const RUNS = FIXED_SEED === undefined ? 14 : 1;
const OPS_PER_REPLICA = 20;

type Rand = () => number;
const int = (rand: Rand, n: number): number => Math.floor(rand() * n);
const pick = <T>(rand: Rand, items: readonly T[]): T | undefined =>
  items.length === 0 ? undefined : items[int(rand, items.length)];
const word = (rand: Rand): string => pick(rand, ['a', 'bc', 'def', ' ', 'ghij', '\n', 'é', '🙂'])!;

const randomOp = (rand: Rand, { model, doc }: Replica): void => {
  const content = doc.getText('content');
  const highlights = model.highlights.list();
  const notes = model.notes.list();
  const h = pick(rand, highlights);
  const n = pick(rand, notes);
  switch (int(rand, 14)) {
    case 0:
    case 1:
      content.insert(int(rand, content.length + 1), word(rand));
      return;
    case 2:
      if (content.length > 0) {
        const at = int(rand, content.length);
        content.delete(at, Math.min(1 + int(rand, 3), content.length - at));
      }
      return;
    case 3: {
      const start = int(rand, content.length);
      const anchor =
        content.length > 1
          ? ({ kind: 'text', field: 'content', start, end: start + 1 + int(rand, content.length - start) } as const)
          : ({ kind: 'ref', ref: `v${int(rand, 5)}`, start: 1, end: 3 } as const);
      model.highlights.create({ anchor, color: pick(rand, HIGHLIGHT_COLORS)! });
      return;
    }
    case 4:
      if (h) model.highlights.update(h.id, { color: pick(rand, HIGHLIGHT_COLORS)! });
      return;
    case 5:
      if (h) model.highlights.update(h.id, { anchor: { kind: 'ref', ref: `v${int(rand, 5)}` } });
      return;
    case 6:
      if (h) model.highlights.delete(h.id);
      return;
    case 7:
      model.notes.create({ body: word(rand), tags: rand() < 0.5 ? ['t1'] : [] });
      return;
    case 8:
      if (n) model.notes.delete(n.id);
      return;
    case 9:
    case 10:
      if (n) model.notes.insertText(n.id, int(rand, n.body.length + 1), word(rand));
      return;
    case 11:
      if (n && n.body.length > 0) {
        const at = int(rand, n.body.length);
        model.notes.deleteText(n.id, at, 1 + int(rand, n.body.length - at));
      }
      return;
    case 12:
      if (n) (rand() < 0.6 ? model.notes.addTag : model.notes.removeTag)(n.id, `t${int(rand, 3)}`);
      return;
    default:
      if (n && h) model.notes.link(n.id, h.id);
      else model.unread.markRead();
  }
};

/** Delivers a random handful of `from`'s updates to `to`, in random order, some twice. */
const deliverSome = (rand: Rand, from: Replica, to: Replica): void => {
  const count = int(rand, from.outbox.length + 1);
  for (let i = 0; i < count; i++) receive(to.doc, from.outbox[int(rand, from.outbox.length)]!);
};

const deliverAll = (rand: Rand, replicas: Replica[]): void => {
  for (const to of replicas) {
    const all = replicas.filter((r) => r !== to).flatMap((r) => r.outbox);
    const order = [...all, ...all.filter(() => rand() < 0.2)].sort(() => rand() - 0.5);
    for (const update of order) receive(to.doc, update);
  }
};

const snapshot = ({ doc, model }: Replica): unknown => ({
  doc: doc.toJSON(),
  highlights: model.highlights.list().map((h) => ({ ...h, at: model.highlights.resolve(h.id) })),
  notes: model.notes.list(),
});

const runCase = (seed: number): void => {
  const rand = createRng(seed);
  const count = 2 + (seed % 7); // every N from 2 to 8 across consecutive seeds
  const replicas = Array.from({ length: count }, (_, i) =>
    createReplica(`user${i % 3}`, { clientID: 1 + i * 1000 + int(rand, 1000), now: () => 1_000 + i }),
  );
  for (const r of replicas) r.doc.getText('content');
  for (let step = 0; step < OPS_PER_REPLICA * count; step++) {
    randomOp(rand, pick(rand, replicas)!);
    if (rand() < 0.3) {
      const from = pick(rand, replicas)!;
      const to = pick(
        rand,
        replicas.filter((r) => r !== from),
      )!;
      deliverSome(rand, from, to);
    }
  }
  deliverAll(rand, replicas);
  const [first, ...rest] = replicas;
  const expected = snapshot(first!);
  const vector = Y.encodeStateVector(first!.doc);
  expect(first!.doc.store.pendingStructs).toBeNull();
  for (const r of rest) {
    expect(snapshot(r)).toEqual(expected);
    expect(Y.encodeStateVector(r.doc)).toEqual(vector);
  }
};

describe('convergence', () => {
  const base = FIXED_SEED ?? Date.now() % 1_000_000;
  const seeds = Array.from({ length: RUNS }, (_, i) => base + i);
  it.each(seeds)(
    'replicas with random operations, updates delivered in random order with duplicates, converge (seed %i)',
    (seed) => {
      try {
        runCase(seed);
      } catch (error) {
        throw new Error(`convergence failed for seed ${seed}; replay with SEED=${seed}`, { cause: error });
      }
    },
    30_000,
  );
});
