import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createReplica, syncPair } from './test-helpers.js';
import { createModel } from './create-model.js';
import { HIGHLIGHT_COLORS } from './colors.js';

const verse = { kind: 'ref', ref: 'John 3:16' } as const;

describe('highlights', () => {
  it('create, get, list, update and delete with author and time stamps', () => {
    let now = 1000;
    const { model } = createReplica('alice', { now: () => now });
    const h = model.highlights.create({ anchor: verse, color: 'green' });
    expect(h).toMatchObject({
      anchor: verse,
      color: 'green',
      createdBy: 'alice',
      createdAt: 1000,
      updatedBy: 'alice',
      updatedAt: 1000,
    });
    expect(model.highlights.get(h.id)).toEqual(h);
    now = 2000;
    const updated = model.highlights.update(h.id, { color: 'blue', anchor: { kind: 'ref', ref: 'John 3:17' } });
    expect(updated).toMatchObject({
      color: 'blue',
      anchor: { kind: 'ref', ref: 'John 3:17' },
      createdAt: 1000,
      updatedAt: 2000,
    });
    expect(model.highlights.list().map((x) => x.id)).toEqual([h.id]);
    model.highlights.delete(h.id);
    expect(model.highlights.get(h.id)).toBeUndefined();
    expect(model.highlights.has(h.id)).toBe(false);
    expect(model.highlights.list()).toEqual([]);
  });

  it('use random ids by default, so two devices highlighting the same verse offline both keep theirs', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const alice = createModel(a, { user: { id: 'alice' } });
    const bob = createModel(b, { user: { id: 'alice' } }); // the same user on a second device
    const h1 = alice.highlights.create({ anchor: verse, color: 'yellow' });
    const h2 = bob.highlights.create({ anchor: verse, color: 'pink' });
    expect(h1.id).not.toBe(h2.id);
    syncPair(a, b);
    for (const model of [alice, bob]) {
      expect(
        model.highlights
          .list()
          .map((h) => h.color)
          .sort(),
      ).toEqual(['pink', 'yellow']);
    }
  });

  it('keep concurrent edits of different fields of one highlight', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const h = a.model.highlights.create({ anchor: verse });
    const note = a.model.notes.create({ body: 'love' });
    syncPair(a.doc, b.doc);
    a.model.highlights.update(h.id, { color: 'purple' });
    b.model.highlights.update(h.id, { anchor: { kind: 'ref', ref: 'John 3:16', start: 1, end: 4 } });
    b.model.highlights.update(h.id, { noteId: note.id });
    syncPair(a.doc, b.doc);
    for (const { model } of [a, b]) {
      expect(model.highlights.get(h.id)).toMatchObject({
        color: 'purple',
        anchor: { kind: 'ref', ref: 'John 3:16', start: 1, end: 4 },
        noteId: note.id,
      });
      expect(model.notes.get(note.id)?.highlightId).toBe(h.id);
    }
  });

  it('link and unlink notes on both sides, and unlink when either side is deleted', () => {
    const { model } = createReplica('alice');
    const h = model.highlights.create({ anchor: verse });
    const n1 = model.notes.create({ highlightId: h.id });
    expect(model.highlights.get(h.id)?.noteId).toBe(n1.id);
    const n2 = model.notes.create();
    model.highlights.update(h.id, { noteId: n2.id });
    expect(model.notes.get(n1.id)?.highlightId).toBeUndefined();
    expect(model.notes.get(n2.id)?.highlightId).toBe(h.id);
    model.highlights.update(h.id, { noteId: null });
    expect(model.highlights.get(h.id)?.noteId).toBeUndefined();
    expect(model.notes.get(n2.id)?.highlightId).toBeUndefined();
    model.notes.link(n2.id, h.id);
    model.notes.delete(n2.id);
    expect(model.highlights.get(h.id)?.noteId).toBeUndefined();
    model.notes.link(n1.id, h.id);
    model.highlights.delete(h.id);
    expect(model.notes.get(n1.id)?.highlightId).toBeUndefined();
  });

  it('reject bad input with typed errors and write nothing', () => {
    const { model, doc } = createReplica('alice');
    const before = Y.encodeStateVector(doc);
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return undefined;
    };
    expect(code(() => model.highlights.create({ anchor: verse, color: 'red' as never }))).toBe('unknown_color');
    expect(code(() => model.highlights.create({ anchor: { kind: 'ref', ref: 'x', start: 3, end: 1 } }))).toBe(
      'invalid_range',
    );
    expect(code(() => model.highlights.create({ anchor: { kind: 'nope' } as never }))).toBe('invalid_anchor');
    expect(code(() => model.highlights.create({ anchor: verse, noteId: 'missing' }))).toBe('unknown_note');
    expect(code(() => model.highlights.update('missing', { color: 'blue' }))).toBe('unknown_highlight');
    expect(code(() => model.highlights.delete('missing'))).toBe('unknown_highlight');
    expect(code(() => model.highlights.resolve('missing'))).toBe('unknown_highlight');
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(HIGHLIGHT_COLORS).toContain('yellow');
  });

  it('notify observers on local and remote changes', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    let calls = 0;
    const stop = b.model.highlights.observe(() => calls++);
    const h = a.model.highlights.create({ anchor: verse });
    syncPair(a.doc, b.doc);
    expect(calls).toBe(1);
    b.model.highlights.update(h.id, { color: 'orange' });
    expect(calls).toBe(2);
    stop();
    b.model.highlights.update(h.id, { color: 'green' });
    expect(calls).toBe(2);
  });
});
