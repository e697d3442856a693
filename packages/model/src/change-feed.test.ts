import { describe, expect, it } from 'vitest';
import { createReplica, syncPair, receive } from './test-helpers.js';
import { summarizeChanges } from './summarize-changes.js';
import type { ChangeEvent } from './change-event.js';

const verse = { kind: 'ref', ref: 'Ps 23:1' } as const;

const record = (model: ReturnType<typeof createReplica>['model']): ChangeEvent[][] => {
  const batches: ChangeEvent[][] = [];
  model.changes.subscribe((events) => batches.push(events));
  return batches;
};

describe('change feed', () => {
  it('reports local changes as local, by this user, one batch per transaction', () => {
    const a = createReplica('alice', { now: () => 7 });
    const batches = record(a.model);
    const h = a.model.highlights.create({ anchor: verse });
    a.model.highlights.update(h.id, { color: 'pink' });
    const n = a.model.notes.create({ body: 'x' });
    a.model.notes.insertText(n.id, 1, 'y');
    a.model.notes.addTag(n.id, 'psalm');
    a.model.notes.delete(n.id);
    a.model.highlights.delete(h.id);
    expect(batches.map((b) => b.map((e) => [e.type, e.id, e.userId, e.local, e.at, e.fields]))).toEqual([
      [['highlight.created', h.id, 'alice', true, 7, []]],
      [['highlight.updated', h.id, 'alice', true, 7, ['color']]],
      [['note.created', n.id, 'alice', true, 7, []]],
      [['note.edited', n.id, 'alice', true, 7, ['body']]],
      [['note.edited', n.id, 'alice', true, 7, ['tags']]],
      [['note.deleted', n.id, 'alice', true, 7, []]],
      [['highlight.deleted', h.id, 'alice', true, 7, []]],
    ]);
  });

  it('reports remote changes as remote, attributed to their author, including deletions', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const seen: ChangeEvent[] = [];
    b.model.changes.subscribe((events) => seen.push(...events));
    const h = a.model.highlights.create({ anchor: verse });
    const n = a.model.notes.create({ body: 'hi', highlightId: h.id });
    syncPair(a.doc, b.doc);
    expect(seen.map((e) => [e.type, e.userId, e.local])).toEqual([
      ['highlight.created', 'alice', false],
      ['note.created', 'alice', false],
    ]);
    seen.length = 0;
    const start = a.outbox.length;
    a.model.notes.deleteText(n.id, 0, 1);
    a.model.highlights.update(h.id, { color: 'blue' });
    a.model.highlights.delete(h.id);
    for (const update of a.outbox.slice(start)) receive(b.doc, update);
    expect(seen.map((e) => [e.type, e.id, e.userId, e.local])).toEqual([
      ['note.edited', n.id, 'alice', false],
      ['highlight.updated', h.id, 'alice', false],
      ['note.edited', n.id, 'alice', false], // unlinking the deleted highlight
      ['highlight.deleted', h.id, 'alice', false],
    ]);
  });
});

describe('summarizeChanges', () => {
  const names: Record<string, string> = { alice: 'Alice', bob: 'Bob' };
  const nameOf = (id: string): string | undefined => names[id];

  it('writes one line per author with counts of distinct things', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const burst: ChangeEvent[] = [];
    b.model.changes.subscribe((events) => burst.push(...events));
    const n = a.model.notes.create({ body: 'x' });
    syncPair(a.doc, b.doc);
    burst.length = 0;
    for (let i = 0; i < 3; i++) a.model.highlights.create({ anchor: verse });
    a.model.notes.insertText(n.id, 0, 'a');
    a.model.notes.insertText(n.id, 0, 'b');
    b.model.notes.create({ body: 'mine' });
    syncPair(a.doc, b.doc);
    expect(summarizeChanges(burst, { nameOf })).toEqual([
      'Bob wrote a note',
      'Alice added 3 highlights and edited a note',
    ]);
    expect(summarizeChanges(burst, { nameOf, excludeUserId: 'bob' })).toEqual([
      'Alice added 3 highlights and edited a note',
    ]);
  });

  it('folds edits into creations and deletions, and names unknown authors', () => {
    const lines = summarizeChanges(
      [
        { type: 'highlight.created', id: 'h1', userId: 'bob' },
        { type: 'highlight.updated', id: 'h1', userId: 'bob' },
        { type: 'highlight.updated', id: 'h2', userId: 'bob' },
        { type: 'note.deleted', id: 'n1', userId: 'bob' },
        { type: 'note.edited', id: 'n1', userId: 'bob' },
        { type: 'highlight.deleted', id: 'h3', userId: 'bob' },
        { type: 'note.created', id: 'n2', userId: null },
        { type: 'note.edited', id: 'n3', userId: 'zoe' },
      ],
      { nameOf },
    );
    expect(lines).toEqual([
      'Bob added a highlight, changed a highlight, removed a highlight and deleted a note',
      'Someone wrote a note',
      'zoe edited a note',
    ]);
  });
});
