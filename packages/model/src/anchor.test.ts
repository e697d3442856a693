import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createReplica, syncPair } from './test-helpers.js';
import { resolveAnchor } from './resolve-anchor.js';
import { encodeAnchor } from './anchor.js';
import { isModelError } from './model-error.js';

const TEXT = 'In the beginning was the Word';

const setup = () => {
  const a = createReplica('alice');
  const b = createReplica('bob');
  a.doc.getText('content').insert(0, TEXT);
  syncPair(a.doc, b.doc);
  const start = TEXT.indexOf('beginning');
  const h = a.model.highlights.create({
    anchor: { kind: 'text', field: 'content', start, end: start + 'beginning'.length },
  });
  syncPair(a.doc, b.doc);
  return { a, b, id: h.id };
};

const covered = (model: ReturnType<typeof createReplica>['model'], id: string): string => {
  const r = model.highlights.resolve(id);
  if (r.kind !== 'text' || r.status !== 'ok') throw new Error(`not ok: ${JSON.stringify(r)}`);
  return r.text;
};

describe('text anchors', () => {
  it('resolve to the words they were created on', () => {
    const { a, id } = setup();
    expect(covered(a.model, id)).toBe('beginning');
  });

  it('stay on the same words when both replicas insert before, at the edges and after the range', () => {
    const { a, b, id } = setup();
    const text = (r: typeof a) => r.doc.getText('content');
    text(a).insert(0, 'Verse 1: '); // before
    text(b).insert(TEXT.indexOf('beginning'), 'very '); // at the start edge: stays outside
    text(b).insert(text(b).length, ', amen'); // after
    text(a).insert(9 + TEXT.indexOf('beginning') + 'beginning'.length, '!'); // at the end edge: stays outside
    syncPair(a.doc, b.doc);
    expect(text(a).toString()).toBe('Verse 1: In the very beginning! was the Word, amen');
    expect(covered(a.model, id)).toBe('beginning');
    expect(covered(b.model, id)).toBe('beginning');
  });

  it('grow with concurrent inserts inside the range', () => {
    const { a, b, id } = setup();
    const at = TEXT.indexOf('beginning');
    a.doc.getText('content').insert(at + 5, '-');
    b.doc.getText('content').insert(at + 3, '+');
    syncPair(a.doc, b.doc);
    expect(covered(a.model, id)).toBe('beg+in-ning');
    expect(b.model.highlights.resolve(id)).toEqual(a.model.highlights.resolve(id));
  });

  it('shrink to the surviving characters when text inside or across an edge is deleted', () => {
    const { a, b, id } = setup();
    const at = TEXT.indexOf('beginning');
    a.doc.getText('content').delete(at - 4, 6); // "the be" -> deletes the first two letters
    b.doc.getText('content').delete(at + 'beginning'.length - 2, 5); // "ng wa" -> deletes the last two
    syncPair(a.doc, b.doc);
    expect(a.doc.getText('content').toString()).toBe('In ginnis the Word');
    expect(covered(a.model, id)).toBe('ginni');
    expect(covered(b.model, id)).toBe('ginni');
  });

  it('report collapsed, not some other words, when all text under them is deleted', () => {
    const { a, b, id } = setup();
    const at = TEXT.indexOf('beginning');
    a.doc.getText('content').delete(at, 'beginning'.length);
    b.doc.getText('content').insert(at + 'beginning'.length, ' and');
    syncPair(a.doc, b.doc);
    expect(a.model.highlights.resolve(id)).toEqual({ kind: 'text', status: 'collapsed', field: 'content', at });
    expect(b.model.highlights.resolve(id)).toEqual({ kind: 'text', status: 'collapsed', field: 'content', at });
  });

  it('report orphaned when the anchored text has not arrived or the field does not exist', () => {
    const { a } = setup();
    const anchor = a.model.highlights.list()[0]!.anchor;
    expect(resolveAnchor(new Y.Doc(), anchor)).toMatchObject({ status: 'orphaned', reason: 'missing_field' });
    const other = new Y.Doc();
    other.getText('content').insert(0, 'unrelated text that is long enough');
    expect(resolveAnchor(other, anchor)).toMatchObject({ status: 'orphaned', reason: 'missing_text' });
  });

  it('reject ranges that are reversed, empty or past the end, with invalid_range', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    for (const [start, end] of [
      [2, 1],
      [1, 1],
      [0, 4],
      [-1, 2],
      [0.5, 2],
    ] as const) {
      expect(() => encodeAnchor(doc, { kind: 'text', field: 't', start, end })).toThrow(
        expect.objectContaining({ code: 'invalid_range' }),
      );
    }
    expect(() => encodeAnchor(doc, { kind: 'ref', ref: 'John 1:1', start: 5, end: 3 })).toThrow(
      expect.objectContaining({ code: 'invalid_range' }),
    );
  });

  it('reject a field that is another kind of type', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('x', 1);
    try {
      encodeAnchor(doc, { kind: 'text', field: 'm', start: 0, end: 1 });
      expect.unreachable();
    } catch (error) {
      expect(isModelError(error, 'unknown_field')).toBe(true);
    }
  });

  it('keep ref anchors as given', () => {
    const { a } = setup();
    const h = a.model.highlights.create({ anchor: { kind: 'ref', ref: 'src/index.ts', start: 10, end: 12 } });
    expect(a.model.highlights.resolve(h.id)).toEqual({
      kind: 'ref',
      status: 'ok',
      ref: 'src/index.ts',
      start: 10,
      end: 12,
    });
  });
});

describe('text anchors in a Y.XmlFragment', () => {
  const build = (doc: Y.Doc): Y.XmlFragment => {
    const fragment = doc.getXmlFragment('prose');
    const p1 = new Y.XmlElement('paragraph');
    const p2 = new Y.XmlElement('paragraph');
    fragment.insert(0, [p1, p2]);
    p1.insert(0, [new Y.XmlText('First paragraph. ')]);
    p2.insert(0, [new Y.XmlText('Second one here.')]);
    return fragment;
  };

  it('anchor across text nodes and follow edits in either paragraph', () => {
    const a = createReplica('alice');
    const b = createReplica('bob');
    build(a.doc);
    syncPair(a.doc, b.doc);
    const start = 'First '.length;
    const end = 'First paragraph. Second'.length;
    const h = a.model.highlights.create({ anchor: { kind: 'text', field: 'prose', start, end } });
    expect(h.anchor).toMatchObject({ fieldType: 'xml' });
    syncPair(a.doc, b.doc);
    const p1 = (b.doc.getXmlFragment('prose').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    p1.insert(0, 'The ');
    const p2 = (a.doc.getXmlFragment('prose').get(1) as Y.XmlElement).get(0) as Y.XmlText;
    p2.insert('Second'.length, ' and last');
    syncPair(a.doc, b.doc);
    expect(covered(a.model, h.id)).toBe('paragraph. Second');
    expect(covered(b.model, h.id)).toBe('paragraph. Second');
  });

  it('resolve the plain text under a highlight over partly bold text, without markup', () => {
    const a = createReplica('alice');
    const fragment = a.doc.getXmlFragment('prose');
    const p = new Y.XmlElement('paragraph');
    fragment.insert(0, [p]);
    const text = new Y.XmlText();
    p.insert(0, [text]);
    text.insert(0, 'The quick brown fox jumps');
    text.format('The quick brown '.length, 'fox'.length, { bold: {} });
    expect(text.toString()).toContain('<bold>');
    const start = 'The quick '.length;
    const h = a.model.highlights.create({
      anchor: { kind: 'text', field: 'prose', start, end: start + 'brown fox'.length },
    });
    expect(a.model.highlights.resolve(h.id)).toMatchObject({ status: 'ok', start, text: 'brown fox' });
    expect(() => a.model.highlights.create({ anchor: { kind: 'text', field: 'prose', start: 0, end: 26 } })).toThrow(
      expect.objectContaining({ code: 'invalid_range' }),
    );
  });

  it('report orphaned when the paragraph holding an end is removed', () => {
    const a = createReplica('alice');
    const fragment = build(a.doc);
    const h = a.model.highlights.create({ anchor: { kind: 'text', field: 'prose', start: 0, end: 5 } });
    fragment.delete(0, 1);
    expect(a.model.highlights.resolve(h.id)).toMatchObject({ status: 'orphaned', reason: 'removed' });
  });
});
