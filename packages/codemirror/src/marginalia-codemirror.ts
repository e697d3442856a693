import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import * as YModule from 'yjs';
import { Prec, type Extension } from '@codemirror/state';
import { keymap, type EditorView } from '@codemirror/view';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type { Highlight, HighlightColor, Model } from '@marginalia/model';
import type { Presence } from '@marginalia/client';
import { highlightDecorations, type CodeHighlight } from './highlight-decorations.js';
import { reanchorRestoredHighlights } from './restored-highlights.js';

/** What the binding needs of an open document; a `DocHandle` from `client.open()` is one. */
export interface MarginaliaDocument {
  readonly doc: Y.Doc;
  readonly model: Model;
  readonly presence?: Presence;
  readonly awareness?: Awareness;
}

export interface MarginaliaCodeMirrorOptions {
  /** The Y.Text root the editor edits. Default `body`. */
  readonly field?: string;
  readonly onHighlightClick?: (highlight: Highlight) => void;
  readonly shades?: Partial<Record<HighlightColor, string>>;
}

export interface MarginaliaCodeMirror {
  readonly field: string;
  readonly text: Y.Text;
  /**
   * y-codemirror.next's yCollab (sync, remote carets from awareness, undo), its undo keymap (Mod-z, Mod-y,
   * Mod-Shift-z; high precedence, so it wins over `basicSetup`'s history keys) and the highlight decorations.
   */
  readonly extensions: Extension[];
  /**
   * The Y.UndoManager yCollab uses (Mod-z / Mod-y undo and redo only this user's edits). After each undo or redo,
   * highlights whose words it brought back are re-anchored on them (a record update every replica sees).
   */
  readonly undoManager: Y.UndoManager;
  /** Highlights the main selection (a text anchor: relative positions in the Y.Text). Null when it is empty. */
  highlightSelection(view: EditorView, input?: { color?: HighlightColor; noteId?: string }): Highlight | null;
  recolor(id: string, color: HighlightColor): Highlight;
  delete(id: string): void;
  /** The drawn highlights in document order (for a margin list). */
  highlights(): CodeHighlight[];
  observe(listener: () => void): () => void;
  close(): void;
}

/** CodeMirror 6 on a Marginalia document's Y.Text, with its highlights. */
export const createMarginaliaCodeMirror = (
  document: MarginaliaDocument,
  options: MarginaliaCodeMirrorOptions = {},
): MarginaliaCodeMirror => {
  const field = options.field ?? 'body';
  const { model } = document;
  const text = document.doc.getText(field);
  const listeners = new Set<() => void>();
  let drawn: CodeHighlight[] = [];
  const undoManager = new YModule.UndoManager(text);
  const decorations = highlightDecorations({
    model,
    field,
    ...(options.shades === undefined ? {} : { shades: options.shades }),
    ...(options.onHighlightClick === undefined ? {} : { onHighlightClick: options.onHighlightClick }),
    onUpdate: (highlights) => {
      drawn = highlights;
      for (const listener of [...listeners]) listener();
    },
  });
  // yCollab needs an awareness for carets; without one, only the sync and undo.
  const collab = yCollab(text, document.awareness ?? null, { undoManager });
  // Words this user's undo (or redo) brings back get their highlights back, for everyone.
  const reanchor = (): void => reanchorRestoredHighlights(document.doc, model, field);
  undoManager.on('stack-item-popped', reanchor);
  return {
    field,
    text,
    extensions: [collab, Prec.high(keymap.of(yUndoManagerKeymap)), decorations],
    undoManager,
    highlightSelection: (view, input = {}) => {
      const { from, to } = view.state.selection.main;
      if (from === to) return null;
      return model.highlights.create({
        anchor: { kind: 'text', field, start: from, end: to },
        ...(input.color === undefined ? {} : { color: input.color }),
        ...(input.noteId === undefined ? {} : { noteId: input.noteId }),
      });
    },
    recolor: (id, color) => model.highlights.update(id, { color }),
    delete: (id) => model.highlights.delete(id),
    highlights: () => drawn,
    observe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      listeners.clear();
      undoManager.off('stack-item-popped', reanchor);
      undoManager.destroy();
    },
  };
};
