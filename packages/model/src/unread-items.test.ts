import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createReplica, reload, syncPair } from './test-helpers.js';
import { createModel } from './create-model.js';

const verse = (n: number) => ({ kind: 'ref', ref: `Gen 1:${n}` }) as const;
const ids = (list: Array<{ id: string }>) => list.map((i) => i.id).sort();

describe('unread per item', () => {
  it('reads one item at a time; a later change by someone else makes it unread again, an own change never', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const [h1, h2, h3] = [1, 2, 3].map((n) => a.model.highlights.create({ anchor: verse(n) }));
    syncPair(a.doc, b.doc);
    expect(b.model.unread.count()).toBe(3);
    b.model.unread.markItemsRead(h1!.id);
    expect(ids(b.model.unread.items())).toEqual(ids([h2!, h3!]));
    expect(b.model.unread.has(h1!.id)).toBe(false);
    b.model.highlights.update(h1!.id, { color: 'green' }); // Bob's own change: still read
    expect(b.model.unread.has(h1!.id)).toBe(false);
    a.model.highlights.update(h1!.id, { color: 'blue' });
    syncPair(a.doc, b.doc);
    expect(b.model.unread.items().find((i) => i.id === h1!.id)).toEqual({
      type: 'highlight.updated',
      id: h1!.id,
      userId: 'alice',
    });
    b.model.unread.markItemsRead([h1!.id, h2!.id]);
    expect(ids(b.model.unread.items())).toEqual([h3!.id]);
  });

  it('follows the user to another device and survives a reload', () => {
    const a = createReplica('alice');
    const phone = createReplica('bob');
    const laptop = createReplica('bob');
    const h1 = a.model.highlights.create({ anchor: verse(1) });
    const h2 = a.model.highlights.create({ anchor: verse(2) });
    syncPair(a.doc, phone.doc);
    syncPair(phone.doc, laptop.doc);
    phone.model.unread.markItemsRead(h2.id);
    syncPair(phone.doc, laptop.doc);
    expect(ids(laptop.model.unread.items())).toEqual([h1.id]);
    const reloaded = createModel(reload(laptop.doc), { user: { id: 'bob' } });
    expect(ids(reloaded.unread.items())).toEqual([h1.id]);
    // Alice never had any of it unread: her own work.
    expect(a.model.unread.count()).toBe(0);
  });

  it('counts per highlight (itself and its notes) and per doc', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const h = a.model.highlights.create({ anchor: verse(1) });
    const other = a.model.highlights.create({ anchor: verse(2) });
    const n = a.model.notes.create({ highlightId: h.id, body: 'Note' });
    syncPair(a.doc, b.doc);
    expect(b.model.unread.countFor(h.id)).toBe(2);
    expect(b.model.unread.countFor(other.id)).toBe(1);
    expect(b.model.unread.count()).toBe(3);
    b.model.unread.markItemsRead(n.id);
    expect(b.model.unread.countFor(h.id)).toBe(1);
    a.model.notes.insertText(n.id, 4, '!');
    syncPair(a.doc, b.doc);
    expect(b.model.unread.items().filter((i) => i.id === n.id)).toEqual([
      { type: 'note.edited', id: n.id, userId: 'alice' },
    ]);
  });

  it('reports a deletion of something the user had seen, until that deletion is read', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const h = a.model.highlights.create({ anchor: verse(1) });
    syncPair(a.doc, b.doc);
    b.model.unread.markItemsRead(h.id);
    a.model.highlights.delete(h.id);
    syncPair(a.doc, b.doc);
    expect(b.model.unread.items()).toEqual([{ type: 'highlight.deleted', id: h.id, userId: 'alice' }]);
    b.model.unread.markItemsRead(h.id);
    expect(b.model.unread.count()).toBe(0);
  });

  it('writes nothing to mark an item that is not unread, and the doc-wide marker drops covered item markers', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const h = a.model.highlights.create({ anchor: verse(1) });
    a.model.highlights.create({ anchor: verse(2) });
    syncPair(a.doc, b.doc);
    b.model.unread.markItemsRead(h.id);
    const before = Y.encodeStateVector(b.doc);
    b.model.unread.markItemsRead(h.id);
    b.model.unread.markItemsRead('no-such-id');
    expect(Y.encodeStateVector(b.doc)).toEqual(before);
    expect(b.doc.getMap('readItems').size).toBe(1);
    b.model.unread.markRead();
    expect(b.doc.getMap('readItems').size).toBe(0);
    expect(b.model.unread.count()).toBe(0);
  });
});
