import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { EditorState, Plugin } from 'prosemirror-state';
import type { Highlight, HighlightColor, Model } from '@marginalia/model';
import type { Presence } from '@marginalia/client';
import { createHighlightPlugin, highlightPluginKey } from './highlight-plugin.js';
import { highlightSelection, type HighlightFromSelection } from './highlight-commands.js';
import { createPresenceSelectionPlugin } from './presence-selection-plugin.js';

/** What the binding needs of an open document; a `DocHandle` from `client.open()` is one. */
export interface MarginaliaDocument {
  readonly doc: Y.Doc;
  readonly model: Model;
  readonly presence?: Presence;
  readonly awareness?: Awareness;
}

export interface MarginaliaEditorOptions {
  /** The Y.XmlFragment root the editor edits. Default `body`. */
  readonly field?: string;
  readonly onHighlightClick?: (highlight: Highlight) => void;
  readonly shades?: Partial<Record<HighlightColor, string>>;
}

/** A highlight as the margin shows it: the record, where its words are, and their text. */
export interface MarginHighlight {
  readonly highlight: Highlight;
  readonly author: string;
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

export interface MarginaliaEditor {
  readonly field: string;
  readonly fragment: Y.XmlFragment;
  /** Draws highlights, strips copied ones from pastes, reports clicks; publishes the typed selection when there is presence. */
  readonly plugins: readonly Plugin[];
  /** Highlights the selection of `state` (see highlightSelection). */
  highlightSelection(state: EditorState, input?: HighlightFromSelection): Highlight | null;
  recolor(id: string, color: HighlightColor): Highlight;
  delete(id: string): void;
  /** The highlights in the editor's document, in document order (what a margin list shows). */
  highlights(): MarginHighlight[];
  /** Called whenever `highlights()` may have changed. Returns the unsubscribe function. */
  observe(listener: () => void): () => void;
  close(): void;
}

/** The editor-independent part of the binding: plain ProseMirror (`./y-prosemirror-setup`) and Tiptap build on it. */
export const createMarginaliaEditor = (
  document: MarginaliaDocument,
  options: MarginaliaEditorOptions = {},
): MarginaliaEditor => {
  const field = options.field ?? 'body';
  const { model } = document;
  const listeners = new Set<() => void>();
  let latest: EditorState | undefined;
  const plugin = createHighlightPlugin({
    model,
    ...(options.shades === undefined ? {} : { shades: options.shades }),
    ...(options.onHighlightClick === undefined ? {} : { onHighlightClick: options.onHighlightClick }),
    onUpdate: (state) => {
      latest = state;
      for (const listener of [...listeners]) listener();
    },
  });
  const plugins: Plugin[] = [plugin];
  if (document.presence !== undefined)
    plugins.push(createPresenceSelectionPlugin({ doc: document.doc, field, presence: document.presence }));

  return {
    field,
    fragment: document.doc.getXmlFragment(field),
    plugins,
    highlightSelection: (state, input) => highlightSelection(model, field, state, input),
    recolor: (id, color) => model.highlights.update(id, { color }),
    delete: (id) => model.highlights.delete(id),
    highlights: () => {
      const ranges = latest === undefined ? [] : (highlightPluginKey.getState(latest)?.ranges ?? []);
      return ranges.flatMap((range) => {
        const highlight = model.highlights.get(range.id);
        if (highlight === undefined) return [];
        const author = model.people.nameOf(highlight.createdBy) ?? highlight.createdBy;
        return [{ highlight, author, from: range.from, to: range.to, text: range.text }];
      });
    },
    observe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => listeners.clear(),
  };
};
