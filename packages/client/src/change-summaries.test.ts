import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createModel, type Model } from '@marginalia/model';
import { createChangeSummaries, type ChangeSummary } from './change-summaries.js';
import { createManualTimers } from './fixtures/manual-timers.js';

/** Alice writes on her own doc; every update reaches Bob's doc as a remote one. */
function setup(
  options: {
    quietMs?: number;
    maxHoldMs?: number;
    aliceName?: string;
    nameOf?: (id: string) => string | undefined;
  } = {},
) {
  const timers = createManualTimers();
  const aliceDoc = new Y.Doc();
  const bobDoc = new Y.Doc();
  aliceDoc.on('update', (update: Uint8Array) => Y.applyUpdate(bobDoc, update, 'relay'));
  const alice = createModel(aliceDoc, {
    user: { id: 'alice', ...(options.aliceName === undefined ? {} : { name: options.aliceName }) },
  });
  const bob: Model = createModel(bobDoc, { user: { id: 'bob', name: 'Bob' }, now: timers.now });
  const summaries: ChangeSummary[] = [];
  const summarizer = createChangeSummaries({
    model: bob,
    timers,
    quietMs: options.quietMs ?? 1000,
    maxHoldMs: options.maxHoldMs ?? 5000,
    nameOf: options.nameOf ?? (() => undefined),
    isReplay: () => false,
    onChanges: () => undefined,
    onSummary: (summary) => summaries.push(summary),
  });
  const highlight = (ref: string) => alice.highlights.create({ anchor: { kind: 'ref', ref } });
  return { timers, summaries, summarizer, highlight, bob };
}

describe('change summaries', () => {
  it('summarizes a burst once it goes quiet', () => {
    const { timers, summaries, highlight } = setup({ aliceName: 'Alice' });
    highlight('a');
    timers.advance(900);
    highlight('b');
    timers.advance(900);
    expect(summaries).toEqual([]);
    timers.advance(100);
    expect(summaries.map((s) => s.lines)).toEqual([['Alice added 2 highlights']]);
    expect(timers.pending).toBe(0);
  });

  it('summarizes nonstop activity at least every maxHoldMs, then the rest when it goes quiet', () => {
    const { timers, summaries, highlight } = setup({ aliceName: 'Alice', quietMs: 1000, maxHoldMs: 3000 });
    for (let i = 0; i < 7; i += 1) {
      highlight(`h${i}`); // one every 500 ms: never 1 s of quiet
      timers.advance(500);
    }
    // The burst started at 0: held at most 3 s, so the first six (0..2500 ms) are summarized at 3000 ms.
    expect(summaries.map((s) => s.lines)).toEqual([['Alice added 6 highlights']]);
    timers.advance(500); // 1 s after the last one
    expect(summaries.map((s) => s.lines)).toEqual([['Alice added 6 highlights'], ['Alice added a highlight']]);
    expect(timers.pending).toBe(0);
  });

  it('names authors from the people directory, then from nameOf (presence), then by id', () => {
    const named = setup({ aliceName: 'Alice', nameOf: () => 'Presence name' });
    named.highlight('a');
    named.timers.advance(1000);
    expect(named.summaries[0]?.lines).toEqual(['Alice added a highlight']);
    const unnamed = setup({ nameOf: (id) => (id === 'alice' ? 'Alice (here)' : undefined) });
    unnamed.highlight('a');
    unnamed.timers.advance(1000);
    expect(unnamed.summaries[0]?.lines).toEqual(['Alice (here) added a highlight']);
    const unknown = setup();
    unknown.highlight('a');
    unknown.timers.advance(1000);
    expect(unknown.summaries[0]?.lines).toEqual(['alice added a highlight']);
  });

  it('close() cancels both timers', () => {
    const { timers, summaries, summarizer, highlight } = setup();
    highlight('a');
    expect(timers.pending).toBe(2);
    summarizer.close();
    expect(timers.pending).toBe(0);
    timers.advance(10_000);
    expect(summaries).toEqual([]);
  });
});
