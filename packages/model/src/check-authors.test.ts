import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkAuthors } from './check-authors.js';
import { createReplica, syncPair } from './test-helpers.js';

describe('checkAuthors: the authors record against the relay owners of client ids', () => {
  it('agrees when every client registered its own user', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    a.model.notes.create({ body: 'by alice' });
    syncPair(a.doc, b.doc);
    b.model.notes.create({ body: 'hi' });
    syncPair(a.doc, b.doc);
    const owners = new Map([
      [a.doc.clientID, 'alice'],
      [b.doc.clientID, 'bob'],
    ]);
    expect(checkAuthors(a.doc, owners)).toEqual([]);
  });

  it('names entries a writer forged: its own client passed off as someone else, or another client rewritten', () => {
    const a = createReplica('alice');
    // Bob writes the doc without the model (any Yjs client can write any map entry).
    const b = { doc: new Y.Doc() };
    a.model.notes.create({ body: 'by alice' });
    syncPair(a.doc, b.doc);
    const authors = b.doc.getMap<string>('authors');
    b.doc.transact(() => {
      authors.set(String(b.doc.clientID), 'alice');
      authors.set(String(a.doc.clientID), 'bob');
    });
    syncPair(a.doc, b.doc);
    expect(a.model.authorship.userOf(a.doc.clientID)).toBe('bob');
    const owners = new Map([
      [a.doc.clientID, 'alice'],
      [b.doc.clientID, 'bob'],
    ]);
    expect(checkAuthors(a.doc, owners).sort((x, y) => x.clientId - y.clientId)).toEqual(
      [
        { clientId: a.doc.clientID, claimed: 'bob', owner: 'alice' },
        { clientId: b.doc.clientID, claimed: 'alice', owner: 'bob' },
      ].sort((x, y) => x.clientId - y.clientId),
    );
    expect(checkAuthors(a.doc, new Map())).toHaveLength(2);
  });
});
