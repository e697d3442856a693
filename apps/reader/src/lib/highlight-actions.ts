import { HIGHLIGHT_COLORS, type HighlightColor, type Model } from '@marginalia/model';
import type { HighlightView } from '../view-types.js';
import type { PassageRange } from './selection-offsets.js';

/** The colour for a digit key: 1 is the first of the palette; 0 (Enter) the first too. */
export function colorForKey(index: number): HighlightColor {
  return HIGHLIGHT_COLORS[Math.max(0, index - 1)] ?? HIGHLIGHT_COLORS[0];
}

/** One highlight per passage of the selection (ref anchors); returns the id of the last one. */
export function highlightRanges(model: Model, ranges: readonly PassageRange[], color: HighlightColor): string | null {
  let last: string | null = null;
  for (const range of ranges) {
    last = model.highlights.create({ anchor: { kind: 'ref', ref: range.passageId, start: range.start, end: range.end }, color }).id;
  }
  return last;
}

/** Removes a highlight and the note written on it. */
export function removeHighlight(model: Model, highlight: HighlightView): void {
  if (highlight.noteId !== undefined && model.notes.has(highlight.noteId)) model.notes.delete(highlight.noteId);
  model.highlights.delete(highlight.id);
}

/** Where someone is, as presence shows it: "Chapter 1, paragraph 3". */
export function passageLabel(passageId: string): string {
  const [, chapter, paragraph] = passageId.split('/');
  return `Chapter ${chapter}, paragraph ${paragraph}`;
}
