import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createReplica, receive, reload, syncPair } from './test-helpers.js';
import { createModel } from './create-model.js';
import { isModelError } from './model-error.js';

describe('people directory', () => {
  it('names an author on every replica once they wrote, without presence, also after a reload', () => {
    const a = createReplica('alice', { user: { id: 'alice', name: 'Alice', color: '#e8590c' } });
    const b = createReplica('bob', { user: { id: 'bob', name: 'Bob' } });
    expect(a.model.people.get('alice')).toBeUndefined(); // nothing written before the first write
    a.model.highlights.create({ anchor: { kind: 'ref', ref: 'v1' } });
    syncPair(a.doc, b.doc);
    expect(b.model.people.get('alice')).toEqual({ name: 'Alice', color: '#e8590c' });
    expect(b.model.people.nameOf('bob')).toBeUndefined(); // bob has not written
    b.model.notes.create({ body: 'hi' });
    syncPair(a.doc, b.doc);
    const rebuilt = createModel(reload(a.doc), { user: { id: 'carol' } });
    expect(Object.fromEntries(rebuilt.people.all())).toEqual({
      alice: { name: 'Alice', color: '#e8590c' },
      bob: { name: 'Bob' },
    });
    expect(rebuilt.people.nameOf('bob')).toBe('Bob');
  });

  it("updates a user's entry when their name changes, and converges when two devices disagree", () => {
    const phone = createReplica('alice', { clientID: 1, user: { id: 'alice', name: 'Alice' } });
    phone.model.notes.create({ body: 'x' });
    const laptop = createReplica('alice', { clientID: 2, user: { id: 'alice', name: 'Alice L.' } });
    const entryItem = () => phone.doc.getMap('people')._map.get('alice')?.id;
    const before = entryItem();
    phone.model.notes.create({ body: 'same name: the entry is not rewritten' });
    expect(entryItem()).toEqual(before);
    laptop.model.notes.create({ body: 'y' });
    syncPair(phone.doc, laptop.doc);
    expect(phone.model.people.nameOf('alice')).toBe(laptop.model.people.nameOf('alice'));
    expect(['Alice', 'Alice L.']).toContain(phone.model.people.nameOf('alice'));
  });

  it('ignores entries that are not valid people, and summarize() names from the directory before nameOf', () => {
    const a = createReplica('alice', { user: { id: 'alice', name: 'Alice' } });
    const intruder = new Y.Doc();
    intruder.getMap('people').set('mallory', { name: 42 });
    intruder.getMap('people').set('eve', { name: 'Eve', color: 'javascript:alert(1)' });
    receive(a.doc, Y.encodeStateAsUpdate(intruder));
    expect(a.model.people.get('mallory')).toBeUndefined();
    expect(a.model.people.get('eve')).toBeUndefined();
    a.model.highlights.create({ anchor: { kind: 'ref', ref: 'v1' } });
    const changes = [
      { type: 'highlight.created', id: 'h1', userId: 'alice' },
      { type: 'highlight.created', id: 'h2', userId: 'mallory' },
      { type: 'note.created', id: 'n1', userId: 'zed' },
    ] as const;
    expect(
      a.model.summarize(changes, {
        nameOf: (id) => (id === 'mallory' ? 'Mal (here)' : id === 'alice' ? 'wrong' : undefined),
      }),
    ).toEqual(['Alice added a highlight', 'Mal (here) added a highlight', 'zed wrote a note']);
    expect(a.model.summarize(changes, { excludeUserId: 'alice' })).toEqual([
      'mallory added a highlight',
      'zed wrote a note',
    ]);
  });

  it('refuses an invalid user name or colour before anything is written', () => {
    for (const user of [
      { id: 'u', name: '' },
      { id: 'u', name: 'x'.repeat(101) },
      { id: 'u', name: 'U', color: 'red' },
    ]) {
      const doc = new Y.Doc();
      expect(() => createModel(doc, { user })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
    }
    expect(isModelError(new Error('x'))).toBe(false);
  });
});
