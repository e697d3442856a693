import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createReplica, reload, syncPair } from './test-helpers.js';
import { HIGHLIGHT_MARK, highlightMarkKey, markedRanges } from './highlight-mark.js';

/** <paragraph>The quick <bold>brown</bold> fox</paragraph><paragraph>jumps over</paragraph> */
const build = (doc: Y.Doc): Y.XmlText[] => {
  const fragment = doc.getXmlFragment('prose');
  const texts = ['The quick brown fox', 'jumps over'].map((words) => {
    const p = new Y.XmlElement('paragraph');
    fragment.push([p]);
    const text = new Y.XmlText();
    p.insert(0, [text]);
    text.insert(0, words);
    return text;
  });
  texts[0]!.format('The quick '.length, 'brown'.length, { bold: {} });
  return texts;
};

describe('mark anchors in a Y.XmlFragment', () => {
  it('mark the characters with the highlight id in the same transaction as the record, and resolve to their plain text', () => {
    const a = createReplica('alice');
    const [first] = build(a.doc);
    let transactions = 0;
    a.doc.on('afterTransaction', () => transactions++);
    const start = 'The '.length;
    const h = a.model.highlights.create({
      anchor: { kind: 'mark', field: 'prose', start, end: 'The quick brown fox'.length + 'jumps'.length },
    });
    expect(transactions).toBe(1);
    expect(h.anchor).toMatchObject({ kind: 'mark', field: 'prose', id: h.id });
    expect(a.model.highlights.resolve(h.id)).toEqual({
      kind: 'mark',
      status: 'ok',
      field: 'prose',
      start,
      end: 24,
      text: 'quick brown foxjumps',
      ranges: [{ start, end: 24, text: 'quick brown foxjumps' }],
    });
    const bold = first!
      .toDelta()
      .find((op: { attributes?: Record<string, unknown> }) => op.attributes?.bold !== undefined);
    expect(bold.attributes).toEqual({ bold: {}, [highlightMarkKey(h.id)]: { id: h.id } });
    expect(highlightMarkKey(h.id)).toMatch(new RegExp(`^${HIGHLIGHT_MARK}--[a-zA-Z0-9+/=]{8}$`));
  });

  it('follow the marked characters on every replica and after a reload; overlapping highlights keep their own marks', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    const [first] = build(a.doc);
    const one = a.model.highlights.create({ anchor: { kind: 'mark', field: 'prose', start: 4, end: 15 } }); // quick brown
    const two = a.model.highlights.create({
      anchor: { kind: 'mark', field: 'prose', start: 10, end: 19 },
      color: 'green',
    }); // brown fox
    syncPair(a.doc, b.doc);
    first!.insert(0, 'Oh, ');
    const bobFirst = (b.doc.getXmlFragment('prose').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    bobFirst.insert('The quick'.length, ' very'); // inside `one`, before `two`: gets `one`'s mark only
    syncPair(a.doc, b.doc);
    for (const replica of [a, b, { model: createReplica('carol', {}, reload(a.doc)).model }]) {
      expect(replica.model.highlights.resolve(one.id)).toMatchObject({ status: 'ok', text: 'quick very brown' });
      expect(replica.model.highlights.resolve(two.id)).toMatchObject({ status: 'ok', text: 'brown fox' });
    }
  });

  it('collapse where the words were when every marked character is deleted; come back when the deletion is undone', () => {
    const a = createReplica('alice');
    const [first] = build(a.doc);
    const h = a.model.highlights.create({ anchor: { kind: 'mark', field: 'prose', start: 4, end: 9 } });
    const undo = new Y.UndoManager(a.doc.getXmlFragment('prose'));
    first!.delete(2, 10); // "e quick br"
    undo.stopCapturing();
    expect(a.model.highlights.resolve(h.id)).toEqual({ kind: 'mark', status: 'collapsed', field: 'prose', at: 2 });
    undo.undo();
    expect(a.model.highlights.resolve(h.id)).toMatchObject({ status: 'ok', text: 'quick' });
  });

  it('are orphaned when their paragraph is removed, and unmarked when the highlight is deleted or re-anchored', () => {
    const a = createReplica('alice');
    build(a.doc);
    const fragment = a.doc.getXmlFragment('prose');
    const h = a.model.highlights.create({ anchor: { kind: 'mark', field: 'prose', start: 19, end: 24 } }); // jumps
    a.model.highlights.update(h.id, { anchor: { kind: 'mark', field: 'prose', start: 4, end: 9 } }); // quick
    expect(markedRanges(fragment, h.id)).toEqual([{ start: 4, end: 9, text: 'quick' }]);
    a.model.highlights.delete(h.id);
    expect(markedRanges(fragment, h.id)).toEqual([]);
    const gone = a.model.highlights.create({ anchor: { kind: 'mark', field: 'prose', start: 19, end: 24 } });
    fragment.delete(1, 1);
    expect(a.model.highlights.resolve(gone.id)).toMatchObject({ kind: 'mark', status: 'orphaned', reason: 'removed' });
  });

  it('refuse a field that is a Y.Text and empty or out-of-range offsets', () => {
    const a = createReplica('alice');
    build(a.doc);
    a.doc.getText('plain').insert(0, 'plain text');
    expect(() => a.model.highlights.create({ anchor: { kind: 'mark', field: 'plain', start: 0, end: 2 } })).toThrow(
      expect.objectContaining({ code: 'unknown_field' }),
    );
    expect(() => a.model.highlights.create({ anchor: { kind: 'mark', field: 'prose', start: 3, end: 3 } })).toThrow(
      expect.objectContaining({ code: 'invalid_range' }),
    );
    expect(() => a.model.highlights.create({ anchor: { kind: 'mark', field: 'prose', start: 3, end: 99 } })).toThrow(
      expect.objectContaining({ code: 'invalid_range' }),
    );
    expect(a.model.highlights.list()).toEqual([]);
  });
});
