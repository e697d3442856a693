import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { transformCursor, type TextDelta } from './text-cursor.js';

/** Applies `change` to a Y.Text holding `initial` and returns the delta Yjs reports. */
function deltaOf(initial: string, change: (text: Y.Text) => void): TextDelta[] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, initial);
  let delta: TextDelta[] = [];
  text.observe((event) => {
    delta = event.delta;
  });
  change(text);
  return delta;
}

describe('transformCursor', () => {
  it('pushes the caret right for text inserted before it', () => {
    const delta = deltaOf('hello world', (t) => t.insert(0, 'oh, '));
    expect(transformCursor(5, delta)).toBe(9);
  });

  it('keeps the caret for text inserted after it or exactly at it', () => {
    expect(
      transformCursor(
        5,
        deltaOf('hello world', (t) => t.insert(11, '!')),
      ),
    ).toBe(5);
    expect(
      transformCursor(
        5,
        deltaOf('hello world', (t) => t.insert(5, ' there')),
      ),
    ).toBe(5);
  });

  it('pulls the caret left for text deleted before it, and to the start of a deleted run around it', () => {
    expect(
      transformCursor(
        8,
        deltaOf('hello world', (t) => t.delete(0, 6)),
      ),
    ).toBe(2);
    expect(
      transformCursor(
        4,
        deltaOf('hello world', (t) => t.delete(2, 5)),
      ),
    ).toBe(2);
  });

  it('combines several edits in one change', () => {
    const delta = deltaOf('abcdef', (t) => {
      t.doc!.transact(() => {
        t.delete(0, 1);
        t.insert(2, 'XY');
      });
    });
    // 'abcdef' -> 'bcdef' -> 'bcXYdef'; the caret before 'e' (4) ends before 'e' (5).
    expect(transformCursor(4, delta)).toBe(5);
  });
});
