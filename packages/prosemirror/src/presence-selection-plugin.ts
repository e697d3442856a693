import { Plugin } from 'prosemirror-state';
import type * as Y from 'yjs';
import { encodeSelection } from '@marginalia/model';
import type { Presence } from '@marginalia/client';
import { textOffsetAt } from './text-offsets.js';

/**
 * Publishes the focused editor's selection as the typed presence `selection` (flat offsets of `field`
 * as relative positions), beside the `cursor` the editor's caret plugin keeps in the same awareness state.
 */
export const createPresenceSelectionPlugin = (options: { doc: Y.Doc; field: string; presence: Presence }): Plugin =>
  new Plugin({
    view: () => ({
      update: (view, previous) => {
        if (!view.hasFocus() || view.state.selection.eq(previous.selection)) return;
        const { anchor, head } = view.state.selection;
        const selection = encodeSelection(
          options.doc,
          options.field,
          textOffsetAt(view.state.doc, anchor),
          textOffsetAt(view.state.doc, head),
        );
        options.presence.set({ selection });
      },
    }),
  });
