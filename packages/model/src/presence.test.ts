import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  decodePresence,
  encodePresence,
  isTyping,
  isValidPresence,
  validatePresence,
  withoutTyping,
  withTyping,
  type PresenceState,
} from './presence.js';
import { decodeSelection, encodeSelection } from './presence-selection.js';

const base: PresenceState = { user: { id: 'u1', name: 'Alice', color: '#ff8800' }, status: 'active' };

describe('presence state', () => {
  it('accepts a full valid state and round-trips it through JSON', () => {
    const doc = new Y.Doc();
    doc.getText('content').insert(0, 'hello world');
    const state: PresenceState = {
      ...base,
      typing: { noteId: 'n1', until: 5000 },
      location: { ref: 'John 1', label: 'John, chapter 1' },
      selection: encodeSelection(doc, 'content', 0, 5),
    };
    expect(validatePresence(state)).toEqual(state);
    expect(decodePresence(encodePresence(state))).toEqual(state);
  });

  it.each([
    ['not an object', 'nope', 'state'],
    ['missing user', { status: 'active' }, 'user'],
    ['empty user id', { ...base, user: { ...base.user, id: '' } }, 'user.id'],
    ['bad color', { ...base, user: { ...base.user, color: 'rgb(1,2,3)' } }, 'user.color'],
    ['unknown status', { ...base, status: 'busy' }, 'status'],
    ['typing without until', { ...base, typing: { noteId: 'n1' } }, 'typing'],
    ['location without ref', { ...base, location: { label: 'x' } }, 'location.ref'],
    [
      'selection with junk positions',
      { ...base, selection: { field: 'content', anchor: { item: 'x' }, head: {} } },
      'selection.anchor',
    ],
  ])('rejects %s with invalid_presence', (_name, value, path) => {
    expect(() => validatePresence(value)).toThrow(
      expect.objectContaining({ code: 'invalid_presence', details: { path } }),
    );
    expect(isValidPresence(value)).toBe(false);
  });

  it("accepts fields outside the schema (an editor binding's cursor) and leaves them out of the typed state", () => {
    const withCursor = {
      ...base,
      cursor: { anchor: { type: null, tname: 'prosemirror', item: null, assoc: 0 }, head: {} },
      extra: 1,
    };
    expect(isValidPresence(withCursor)).toBe(true);
    expect(validatePresence(withCursor)).toEqual(base);
    expect(decodePresence(JSON.stringify(withCursor))).toEqual(base);
  });

  it('rejects text that is not JSON with invalid_presence', () => {
    expect(() => decodePresence('{')).toThrow(expect.objectContaining({ code: 'invalid_presence' }));
  });

  it('expires typing indicators by time', () => {
    const typing = withTyping(base, 'n1', 1000, 3000);
    expect(isTyping(typing, 1000)).toBe(true);
    expect(isTyping(typing, 3999, 'n1')).toBe(true);
    expect(isTyping(typing, 3999, 'n2')).toBe(false);
    expect(isTyping(typing, 4000)).toBe(false);
    expect(isTyping(withoutTyping(typing), 1000)).toBe(false);
  });

  it('keeps a selection on the same characters when text is inserted before it elsewhere', () => {
    const a = new Y.Doc();
    a.getText('content').insert(0, 'hello world');
    const selection = encodeSelection(a, 'content', 6, 11);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getText('content').insert(0, '>> ');
    expect(decodeSelection(b, validatePresence({ ...base, selection }).selection!)).toEqual({ anchor: 9, head: 14 });
    expect(decodeSelection(new Y.Doc(), selection)).toBeNull();
  });

  it('encodes and decodes a selection in a Y.XmlFragment by flat offsets, following edits in an earlier paragraph', () => {
    const a = new Y.Doc();
    const fragment = a.getXmlFragment('prose');
    const texts = ['First one.', 'Second one.'].map((words) => {
      const p = new Y.XmlElement('paragraph');
      fragment.push([p]);
      const text = new Y.XmlText(words);
      p.insert(0, [text]);
      return text;
    });
    const selection = encodeSelection(a, 'prose', 'First one.Sec'.length, 'First one.Second one.'.length);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    ((b.getXmlFragment('prose').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'The ');
    expect(decodeSelection(b, validatePresence({ ...base, selection }).selection!)).toEqual({ anchor: 17, head: 25 });
    expect(texts[1]!.length).toBe(11);
    expect(() => encodeSelection(a, 'prose', 0, 99)).toThrow(expect.objectContaining({ code: 'invalid_range' }));
  });
});
