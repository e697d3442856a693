import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createReplica, reload, syncPair } from './test-helpers.js';
import { createModel } from './create-model.js';

describe('authorship', () => {
  it('attributes every character of a note body to the user who typed it, on every replica', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const n = a.model.notes.create({ body: 'Hello' });
    syncPair(a.doc, b.doc);
    b.model.notes.insertText(n.id, 5, ' there');
    a.model.notes.insertText(n.id, 0, '> ');
    syncPair(a.doc, b.doc);
    const expected = [
      { start: 0, end: 7, userId: 'alice' },
      { start: 7, end: 13, userId: 'bob' },
    ];
    expect(a.model.notes.get(n.id)?.body).toBe('> Hello there');
    expect(a.model.authorship.spans(a.model.notes.body(n.id))).toEqual(expected);
    expect(b.model.authorship.spans(b.model.notes.body(n.id))).toEqual(expected);
    expect(b.model.authorship.authorAt(b.model.notes.body(n.id), 8)).toBe('bob');
    const rebuilt = createModel(reload(b.doc), { user: { id: 'carol' } });
    expect(rebuilt.authorship.spans(rebuilt.notes.body(n.id))).toEqual(expected);
  });

  it('attributes keystrokes an editor binding writes straight into the Y.Text, and stamps the note', () => {
    let now = 10;
    const a = createReplica('alice');
    const b = createReplica('bob', { now: () => now });
    const n = a.model.notes.create({ body: 'abc' });
    syncPair(a.doc, b.doc);
    now = 99;
    const body = b.doc.getMap('notes').get(n.id) as Y.Map<unknown>;
    (body.get('body') as Y.Text).delete(1, 1); // a pure deletion, as a binding would do it
    syncPair(a.doc, b.doc);
    expect(a.model.notes.get(n.id)).toMatchObject({ body: 'ac', updatedBy: 'bob', updatedAt: 99 });
  });

  it('maps every client of a user, including a second device and a new session', () => {
    const a = createReplica('alice', { clientID: 1 });
    const a2 = createReplica('alice', { clientID: 2 });
    const b = createReplica('bob', { clientID: 3 });
    a.model.notes.create({ body: 'x' });
    a2.model.notes.create({ body: 'y' });
    b.model.notes.create({ body: 'z' });
    syncPair(a.doc, a2.doc);
    syncPair(a.doc, b.doc);
    expect(b.model.authorship.clientsOf('alice').sort()).toEqual([1, 2]);
    expect(b.model.authorship.userOf(3)).toBe('bob');
    expect(b.model.authorship.userOf(42)).toBeNull();
  });

  it('does not write to the doc until the user writes', () => {
    const doc = new Y.Doc();
    createModel(doc, { user: { id: 'viewer' } });
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
  });
});
