import type { EditorState } from 'prosemirror-state';
import type { Highlight, HighlightColor, Model } from '@marginalia/model';
import { textOffsetAt } from './text-offsets.js';

export interface HighlightFromSelection {
  readonly color?: HighlightColor;
  readonly noteId?: string;
}

/**
 * Highlights the selected words: the model marks them in the fragment and writes the record in one Yjs
 * transaction, and the editor receives the mark through its sync plugin. Null when no text is selected.
 */
export const highlightSelection = (
  model: Model,
  field: string,
  state: EditorState,
  input: HighlightFromSelection = {},
): Highlight | null => {
  const { from, to } = state.selection;
  const start = textOffsetAt(state.doc, from);
  const end = textOffsetAt(state.doc, to);
  if (start === end) return null;
  return model.highlights.create({
    anchor: { kind: 'mark', field, start, end },
    ...(input.color === undefined ? {} : { color: input.color }),
    ...(input.noteId === undefined ? {} : { noteId: input.noteId }),
  });
};
