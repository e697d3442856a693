import { describe, expect, it } from 'vitest';
import { createReplica, receive, reload, syncPair } from './test-helpers.js';
import { createModel } from './create-model.js';
import { groupActivity } from './group-activity.js';
import type { ChangeEvent } from './change-event.js';

const clock = (start: number) => {
  let t = start;
  return { now: () => t, set: (next: number) => void (t = next) };
};

describe('activity', () => {
  it('reads who did what and when from the doc: same on every replica and after a reload', () => {
    const ta = clock(1000);
    const tb = clock(1000);
    const a = createReplica('alice', { now: ta.now });
    const b = createReplica('bob', { now: tb.now });
    const h = a.model.highlights.create({ anchor: { kind: 'ref', ref: 'p/1', start: 0, end: 5 }, quote: 'Alice' });
    const gone = a.model.highlights.create({ anchor: { kind: 'ref', ref: 'p/2' }, quote: 'So she was' });
    ta.set(2000);
    const n = a.model.notes.create({ highlightId: h.id, body: 'Her.' });
    syncPair(a.doc, b.doc);
    tb.set(60_000);
    b.model.notes.insertText(n.id, 4, ' Bob was here.');
    tb.set(61_000);
    b.model.highlights.update(h.id, { color: 'blue' });
    ta.set(62_000);
    a.model.highlights.delete(gone.id);
    syncPair(a.doc, b.doc);

    const expected = [
      { type: 'highlight.deleted', id: gone.id, userId: 'alice', at: 62_000, quote: 'So she was' },
      { type: 'highlight.updated', id: h.id, userId: 'bob', at: 61_000, highlightId: h.id, quote: 'Alice' },
      {
        type: 'note.edited',
        id: n.id,
        userId: 'bob',
        at: 60_000,
        highlightId: h.id,
        quote: 'Alice',
        editors: ['alice', 'bob'],
      },
      { type: 'note.created', id: n.id, userId: 'alice', at: 2000, highlightId: h.id, quote: 'Alice' },
      { type: 'highlight.created', id: h.id, userId: 'alice', at: 1000 },
    ];
    for (const model of [a.model, b.model, createModel(reload(b.doc), { user: { id: 'carol' } })]) {
      const list = model.activity.list().filter((e) => e.id !== gone.id || e.type === 'highlight.deleted');
      expect(list).toMatchObject(expected);
    }
  });

  it('groups by person and time and drops nothing: a burst of 520 highlights is one line', () => {
    const t = clock(0);
    const a = createReplica('alice', { now: t.now });
    const b = createReplica('bob', { now: t.now });
    for (let i = 0; i < 520; i++) {
      t.set(i * 10);
      a.model.highlights.create({ anchor: { kind: 'ref', ref: `p/${i}` } });
    }
    syncPair(a.doc, b.doc);
    t.set(100_000);
    const n = b.model.notes.create({ highlightId: a.model.highlights.list()[0]!.id });
    t.set(3_000_000);
    b.model.notes.insertText(n.id, 0, 'Later.');
    syncPair(a.doc, b.doc);
    const entries = a.model.activity.list();
    const groups = groupActivity(entries);
    expect(groups.map((g) => [g.userId, g.summary])).toEqual([
      ['bob', 'edited a note'],
      ['bob', 'wrote a note'],
      ['alice', 'added 520 highlights'],
    ]);
    expect(groups.reduce((sum, g) => sum + g.entries.length, 0)).toBe(entries.length);
    expect(groups[2]).toMatchObject({ from: 0, to: 5190 });
  });

  it('says "wrote a note" for a note added to an existing highlight, not "changed a highlight and wrote a note"', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const h = a.model.highlights.create({ anchor: { kind: 'ref', ref: 'p/1' } });
    syncPair(a.doc, b.doc);
    const seen: ChangeEvent[] = [];
    b.model.changes.subscribe((events) => seen.push(...events));
    const start = a.outbox.length;
    a.model.notes.create({ highlightId: h.id, body: 'x' });
    for (const update of a.outbox.slice(start)) receive(b.doc, update);
    expect(seen.map((e) => e.type).sort()).toEqual(['highlight.updated', 'note.created']);
    expect(b.model.summarize(seen)).toEqual(['alice wrote a note']);
  });
});
