import { describe, expect, it } from 'vitest';
import { createReplica, syncPair } from './test-helpers.js';

describe('notes', () => {
  it('create, edit the body, tag and delete', () => {
    const { model } = createReplica('alice');
    const n = model.notes.create({ body: 'Hello', tags: ['faith', 'faith', 'hope'] });
    expect(n).toMatchObject({ body: 'Hello', tags: ['faith', 'hope'], createdBy: 'alice' });
    model.notes.insertText(n.id, 5, ' world');
    model.notes.replaceText(n.id, 0, 5, 'Goodbye');
    model.notes.deleteText(n.id, 7, 1);
    expect(model.notes.get(n.id)?.body).toBe('Goodbyeworld');
    model.notes.setBody(n.id, 'Goodbye, cruel world');
    expect(model.notes.body(n.id).toString()).toBe('Goodbye, cruel world');
    model.notes.addTag(n.id, 'love');
    model.notes.removeTag(n.id, 'faith');
    expect(model.notes.get(n.id)?.tags).toEqual(['hope', 'love']);
    model.notes.delete(n.id);
    expect(model.notes.get(n.id)).toBeUndefined();
    expect(model.notes.list()).toEqual([]);
  });

  it('merge two people typing in one note offline character-wise', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const n = a.model.notes.create({ body: 'The quick fox.' });
    syncPair(a.doc, b.doc);
    a.model.notes.insertText(n.id, 'The quick'.length, ' brown');
    b.model.notes.insertText(n.id, 'The quick fox'.length, ' jumps');
    b.model.notes.deleteText(n.id, 0, 4);
    syncPair(a.doc, b.doc);
    expect(a.model.notes.get(n.id)?.body).toBe('quick brown fox jumps.');
    expect(b.model.notes.get(n.id)?.body).toBe('quick brown fox jumps.');
  });

  it('setBody edits only the changed range, so a concurrent edit elsewhere survives', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const n = a.model.notes.create({ body: 'one two three' });
    syncPair(a.doc, b.doc);
    a.model.notes.setBody(n.id, 'one 2 three');
    b.model.notes.insertText(n.id, 13, ' four');
    syncPair(a.doc, b.doc);
    expect(a.model.notes.get(n.id)?.body).toBe('one 2 three four');
  });

  it('read concurrently added equal tags as one, and remove every copy', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const n = a.model.notes.create();
    syncPair(a.doc, b.doc);
    a.model.notes.addTag(n.id, 'grace');
    b.model.notes.addTag(n.id, 'grace');
    b.model.notes.addTag(n.id, 'mercy');
    syncPair(a.doc, b.doc);
    expect(a.model.notes.get(n.id)?.tags).toEqual(b.model.notes.get(n.id)?.tags);
    expect([...(a.model.notes.get(n.id)?.tags ?? [])].sort()).toEqual(['grace', 'mercy']);
    a.model.notes.removeTag(n.id, 'grace');
    syncPair(a.doc, b.doc);
    expect(b.model.notes.get(n.id)?.tags).toEqual(['mercy']);
  });

  it('reject bad input with typed errors', () => {
    const { model } = createReplica('alice');
    const n = model.notes.create({ body: 'abc' });
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return undefined;
    };
    expect(code(() => model.notes.insertText(n.id, 4, 'x'))).toBe('invalid_range');
    expect(code(() => model.notes.deleteText(n.id, 2, 2))).toBe('invalid_range');
    expect(code(() => model.notes.replaceText(n.id, -1, 1, 'x'))).toBe('invalid_range');
    expect(code(() => model.notes.insertText('missing', 0, 'x'))).toBe('unknown_note');
    expect(code(() => model.notes.delete('missing'))).toBe('unknown_note');
    expect(code(() => model.notes.link(n.id, 'missing'))).toBe('unknown_highlight');
    expect(code(() => model.notes.create({ highlightId: 'missing' }))).toBe('unknown_highlight');
    expect(code(() => model.notes.addTag(n.id, ' padded '))).toBe('invalid_tag');
    expect(code(() => model.notes.create({ tags: [''] }))).toBe('invalid_tag');
    expect(model.notes.list()).toHaveLength(1);
  });
});
