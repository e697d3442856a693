import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createModel } from '@marginalia/model';
import { changeUnitOf } from './change-unit.js';

function record(doc: Y.Doc): Array<string | null> {
  const units: Array<string | null> = [];
  doc.on('afterTransaction', (tx: Y.Transaction) => {
    if (tx.local) units.push(changeUnitOf(tx));
  });
  return units;
}

describe('changeUnitOf', () => {
  it('names the record a model edit or a direct edit touched, and bookkeeping as null', () => {
    const doc = new Y.Doc();
    const units = record(doc);
    const model = createModel(doc, {
      user: { id: 'alice', name: 'Alice' },
      createId: (() => {
        let n = 0;
        return () => `id${(n += 1)}`;
      })(),
    });
    const note = model.notes.create({ body: '' });
    model.notes.insertText(note.id, 0, 'a');
    model.notes.body(note.id).insert(1, 'b'); // a binding writing into the Y.Text directly (then the model stamps it)
    const highlight = model.highlights.create({ anchor: { kind: 'ref', ref: 'r1' } });
    model.unread.markRead();
    doc.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('x')]);
    expect(units.slice(0, 5)).toEqual([
      `notes:${note.id}`,
      `notes:${note.id}`,
      `notes:${note.id}`,
      `notes:${note.id}`,
      `highlights:${highlight.id}`,
    ]);
    // The read marker and the model's registering of this client are bookkeeping; the editor's fragment is content.
    expect(units.slice(5).filter((unit) => unit !== null)).toEqual(['prosemirror']);
    expect(units.slice(5).length).toBeGreaterThan(1);
  });
});
