import type { Node } from 'prosemirror-model';
import { HIGHLIGHT_MARK } from './highlight-mark-spec.js';

/** Where the mark of one highlight is in an editor document. */
export interface HighlightRange {
  readonly id: string;
  /** Document positions spanning every marked character. */
  readonly from: number;
  readonly to: number;
  /** The contiguous marked stretches (a split paragraph gives two), in document order. */
  readonly pieces: ReadonlyArray<{ readonly from: number; readonly to: number }>;
  /** The plain text of the marked characters. */
  readonly text: string;
}

/** Every highlight mark in the document, in document order of its first character. */
export const highlightRanges = (doc: Node): HighlightRange[] => {
  const found = new Map<
    string,
    { id: string; from: number; to: number; pieces: Array<{ from: number; to: number }>; text: string }
  >();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== HIGHLIGHT_MARK) continue;
      const id = String(mark.attrs.id);
      const end = pos + node.nodeSize;
      const entry = found.get(id);
      if (entry === undefined) {
        found.set(id, { id, from: pos, to: end, pieces: [{ from: pos, to: end }], text: node.text ?? '' });
        continue;
      }
      const last = entry.pieces[entry.pieces.length - 1];
      if (last !== undefined && last.to === pos) last.to = end;
      else entry.pieces.push({ from: pos, to: end });
      entry.to = end;
      entry.text += node.text ?? '';
    }
    return false;
  });
  return [...found.values()];
};

/** The ids of the highlights whose mark covers the character after `pos` (or before it at a block end). */
export const highlightsAt = (doc: Node, pos: number): string[] => {
  const $pos = doc.resolve(pos);
  const node = $pos.nodeAfter ?? $pos.nodeBefore;
  return node === null ? [] : node.marks.filter((m) => m.type.name === HIGHLIGHT_MARK).map((m) => String(m.attrs.id));
};
