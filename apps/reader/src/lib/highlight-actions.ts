import { HIGHLIGHT_COLORS, type HighlightColor, type Model, type RefAnchor } from '@marginalia/model';
import type { HighlightView } from '../view-types.js';
import type { PassageRange } from './selection-offsets.js';

/** The colour for a digit key: 1 is the first of the palette; 0 (Enter) the first too. */
export function colorForKey(index: number): HighlightColor {
  return HIGHLIGHT_COLORS[Math.max(0, index - 1)] ?? HIGHLIGHT_COLORS[0];
}

/** One highlight per passage of the selection (ref anchors, with the words as quote); returns the id of the last one. */
export function highlightRanges(model: Model, ranges: readonly PassageRange[], color: HighlightColor): string | null {
  let last: string | null = null;
  for (const range of ranges) {
    const anchor = { kind: 'ref', ref: range.passageId, start: range.start, end: range.end } as const;
    last = model.highlights.create({ anchor, color, ...(range.text !== '' ? { quote: range.text } : {}) }).id;
  }
  return last;
}

/**
 * Removes a highlight. Its note is kept: it becomes an orphan (listed with the words it was about) that can be
 * re-attached or deleted, so a note someone is writing right now, maybe offline, is never lost with it.
 */
export function removeHighlight(model: Model, highlight: HighlightView): void {
  model.highlights.delete(highlight.id);
}

/** Re-attaches an orphaned note to a new highlight on the same words (its `about` anchor); returns the new highlight id. */
export function reattachNote(
  model: Model,
  noteId: string,
  anchor: RefAnchor,
  quote: string | undefined,
  color: HighlightColor,
): string {
  const highlight = model.highlights.create({ anchor, color, ...(quote !== undefined ? { quote } : {}) });
  model.notes.link(noteId, highlight.id);
  return highlight.id;
}

/** Where someone is, as presence shows it: "Chapter 1, paragraph 3". */
export function passageLabel(passageId: string): string {
  const [, chapter, paragraph] = passageId.split('/');
  return `Chapter ${chapter}, paragraph ${paragraph}`;
}
