import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createReplica, reload, syncPair } from './test-helpers.js';
import { createModel } from './create-model.js';

const verse = { kind: 'ref', ref: 'Gen 1:1' } as const;

describe('unread', () => {
  it('counts what others changed since the marker, never the own changes', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const mine = b.model.highlights.create({ anchor: verse });
    const n = a.model.notes.create({ body: 'old' });
    const gone = a.model.highlights.create({ anchor: verse });
    syncPair(a.doc, b.doc);
    expect(b.model.unread.items()).toEqual([
      { type: 'highlight.created', id: gone.id, userId: 'alice' },
      { type: 'note.created', id: n.id, userId: 'alice' },
    ]);
    b.model.unread.markRead();
    expect(b.model.unread.count()).toBe(0);
    const h = a.model.highlights.create({ anchor: verse });
    a.model.highlights.update(mine.id, { color: 'green' });
    a.model.notes.deleteText(n.id, 0, 1);
    a.model.highlights.delete(gone.id);
    const temp = a.model.highlights.create({ anchor: verse }); // created and deleted since the marker: not news
    a.model.highlights.delete(temp.id);
    b.model.notes.insertText(n.id, 0, 'my ');
    syncPair(a.doc, b.doc);
    expect(new Set(b.model.unread.items().map((i) => JSON.stringify(i)))).toEqual(
      new Set(
        [
          { type: 'highlight.created', id: h.id, userId: 'alice' },
          { type: 'highlight.updated', id: mine.id, userId: 'alice' },
          { type: 'note.edited', id: n.id, userId: 'alice' },
          { type: 'highlight.deleted', id: gone.id, userId: 'alice' },
        ].map((i) => JSON.stringify(i)),
      ),
    );
    // Alice never marked anything read: Bob's highlight and Bob's typing in her note are unread for her.
    expect(a.model.unread.items()).toEqual([
      { type: 'highlight.created', id: mine.id, userId: 'bob' },
      { type: 'note.edited', id: n.id, userId: 'bob' },
    ]);
  });

  it('keeps the marker in the doc: it survives a reload and follows the user to another device', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    a.model.highlights.create({ anchor: verse });
    a.model.notes.create({ body: 'hello' });
    syncPair(a.doc, b.doc);
    expect(b.model.unread.count()).toBe(2);
    b.model.unread.markRead();
    a.model.highlights.create({ anchor: verse });
    syncPair(a.doc, b.doc);
    const reloaded = createModel(reload(b.doc), { user: { id: 'bob' } });
    expect(reloaded.unread.count()).toBe(1);
    const otherDevice = createReplica('bob');
    syncPair(b.doc, otherDevice.doc);
    expect(otherDevice.model.unread.count()).toBe(1);
    otherDevice.model.unread.markRead();
    syncPair(b.doc, otherDevice.doc);
    expect(b.model.unread.count()).toBe(0);
    expect(b.model.unread.marker()?.stateVector).toBe(otherDevice.model.unread.marker()?.stateVector);
  });

  it('notifies observers when unread state may have changed', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const counts: number[] = [];
    b.model.unread.observe(() => counts.push(b.model.unread.count()));
    a.model.highlights.create({ anchor: verse });
    syncPair(a.doc, b.doc);
    b.model.unread.markRead();
    expect(counts).toEqual([1, 0]);
    b.doc.getText('unrelated').insert(0, 'x');
    expect(counts).toEqual([1, 0]);
    expect(Y.encodeStateVector(b.doc).length).toBeGreaterThan(1);
  });
});
