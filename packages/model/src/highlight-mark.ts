import type * as Y from 'yjs';
import * as sha256 from 'lib0/hash/sha256';
import * as buf from 'lib0/buffer';
import { xmlTextRuns } from './text-field.js';

/**
 * The name of the editor mark that carries a highlight's id in a Y.XmlFragment (a ProseMirror mark,
 * stored by y-prosemirror as a Y.XmlText format attribute). Its only attribute is `{ id }`.
 */
export const HIGHLIGHT_MARK = 'marginaliaHighlight';

/** A contiguous stretch of marked characters, in flat offsets of the fragment's text. */
export interface MarkedRange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const convolute = (digest: Uint8Array): Uint8Array => {
  const n = 6;
  for (let i = n; i < digest.length; i++) digest[i % n] = (digest[i % n] as number) ^ (digest[i] as number);
  return digest.slice(0, n);
};

/**
 * The format attribute key y-prosemirror (and @tiptap/y-tiptap) give the mark of highlight `id`:
 * highlights may overlap, so the mark does not exclude itself and its key carries a hash of the
 * mark's JSON. Writing the same key keeps the editor from rewriting the formatting on its next edit.
 */
export const highlightMarkKey = (id: string): string =>
  `${HIGHLIGHT_MARK}--${buf.toBase64(convolute(sha256.digest(buf.encodeAny({ type: HIGHLIGHT_MARK, attrs: { id } }))))}`;

/** Whether a format attribute (key and value) is the highlight mark of `id`, under any key an editor may use. */
export const isHighlightAttribute = (key: string, value: unknown, id: string): boolean =>
  (key === HIGHLIGHT_MARK || key.startsWith(`${HIGHLIGHT_MARK}--`)) &&
  typeof value === 'object' &&
  value !== null &&
  (value as { id?: unknown }).id === id;

type DeltaOp = { insert?: unknown; attributes?: Record<string, unknown> };

/** Calls `visit` for each run of characters of the fragment with its format attributes and flat offset. */
const eachFormattedRun = (
  fragment: Y.XmlFragment,
  visit: (run: {
    text: Y.XmlText;
    index: number;
    offset: number;
    insert: string;
    attributes: Record<string, unknown>;
  }) => void,
): void => {
  for (const { text, offset } of xmlTextRuns(fragment)) {
    let index = 0;
    for (const op of text.toDelta() as DeltaOp[]) {
      const insert = typeof op.insert === 'string' ? op.insert : '\uFFFC';
      visit({ text, index, offset: offset + index, insert, attributes: op.attributes ?? {} });
      index += insert.length;
    }
  }
};

/** The stretches of the fragment's text that carry the mark of highlight `id`, in document order. */
export const markedRanges = (fragment: Y.XmlFragment, id: string): MarkedRange[] => {
  const ranges: Array<{ start: number; end: number; text: string }> = [];
  eachFormattedRun(fragment, ({ offset, insert, attributes }) => {
    if (!Object.entries(attributes).some(([key, value]) => isHighlightAttribute(key, value, id))) return;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last.end === offset) {
      last.end += insert.length;
      last.text += insert;
    } else ranges.push({ start: offset, end: offset + insert.length, text: insert });
  });
  return ranges;
};

/** Marks characters `[start, end)` (flat offsets) of the fragment with highlight `id`. */
export const applyHighlightMark = (fragment: Y.XmlFragment, start: number, end: number, id: string): void => {
  const key = highlightMarkKey(id);
  for (const { text, offset } of xmlTextRuns(fragment)) {
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + text.length);
    if (from < to) text.format(from - offset, to - from, { [key]: { id } });
  }
};

/** Removes the mark of highlight `id` wherever it is in the fragment. */
export const removeHighlightMark = (fragment: Y.XmlFragment, id: string): void => {
  const removals: Array<{ text: Y.XmlText; index: number; length: number; keys: string[] }> = [];
  eachFormattedRun(fragment, ({ text, index, insert, attributes }) => {
    const keys = Object.entries(attributes)
      .filter(([key, value]) => isHighlightAttribute(key, value, id))
      .map(([key]) => key);
    if (keys.length > 0) removals.push({ text, index, length: insert.length, keys });
  });
  for (const { text, index, length, keys } of removals)
    text.format(index, length, Object.fromEntries(keys.map((key) => [key, null])));
};
