import type { Highlight } from '@marginalia/model';
import type { Passage } from '../text/book.js';

/** A highlight's place in the book, when its anchor is a ref anchor to a passage this app knows. */
export function passageRangeOf(
  highlight: Highlight,
  passages: ReadonlyMap<string, Passage>,
): { passageId: string; start: number; end: number } | null {
  const anchor = highlight.anchor;
  if (anchor?.kind !== 'ref') return null;
  const passage = passages.get(anchor.ref);
  if (passage === undefined) return null;
  const start = Math.max(0, Math.min(passage.text.length, anchor.start ?? 0));
  const end = Math.max(start, Math.min(passage.text.length, anchor.end ?? passage.text.length));
  return { passageId: passage.id, start, end };
}
