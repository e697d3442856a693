import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Highlight, HighlightColor, Model } from '@marginalia/model';
import { DEFAULT_HIGHLIGHT_SHADES } from './highlight-colors.js';
import { highlightRanges, highlightsAt, type HighlightRange } from './highlight-ranges.js';
import { stripPastedHighlights } from './strip-pasted-highlights.js';

export const highlightPluginKey = new PluginKey<HighlightPluginState>('marginaliaHighlights');

export interface HighlightPluginState {
  /** The marks of highlights the model has a record of, in document order. */
  readonly ranges: readonly HighlightRange[];
  readonly decorations: DecorationSet;
}

export interface HighlightPluginOptions {
  readonly model: Model;
  /** CSS colours for palette names (defaults: DEFAULT_HIGHLIGHT_SHADES). */
  readonly shades?: Partial<Record<HighlightColor, string>>;
  /** A click on highlighted words (the innermost highlight there). The caret still moves. */
  readonly onHighlightClick?: (highlight: Highlight) => void;
  /** After every state whose highlights may have changed (document edits, model changes). */
  readonly onUpdate?: (state: EditorState) => void;
}

const REFRESH = 'refresh';

const decorate = (state: EditorState, options: HighlightPluginOptions): HighlightPluginState => {
  const shades = { ...DEFAULT_HIGHLIGHT_SHADES, ...options.shades };
  const ranges = highlightRanges(state.doc).filter((range) => options.model.highlights.has(range.id));
  const decorations = ranges.flatMap((range) => {
    const highlight = options.model.highlights.get(range.id) as Highlight;
    const author = options.model.people.nameOf(highlight.createdBy) ?? highlight.createdBy;
    const attrs = {
      class: `marginalia-highlight marginalia-highlight-${highlight.color}`,
      style: `background-color: ${shades[highlight.color]}`,
      'data-highlight-id': highlight.id,
      'data-color': highlight.color,
      'data-author': author,
      title: `${author}${highlight.noteId === undefined ? '' : ' (note)'}`,
    };
    return range.pieces.map((piece) => Decoration.inline(piece.from, piece.to, attrs, { id: highlight.id }));
  });
  return { ranges, decorations: DecorationSet.create(state.doc, decorations) };
};

/**
 * Draws the model's highlights over their marks (colour, author as a tooltip), keeps copies of
 * highlighted words from carrying the highlight, reports clicks, and redraws when the model changes.
 */
export const createHighlightPlugin = (options: HighlightPluginOptions): Plugin<HighlightPluginState> =>
  new Plugin<HighlightPluginState>({
    key: highlightPluginKey,
    state: {
      init: (_config, state) => decorate(state, options),
      apply: (tr, value, _old, state) =>
        tr.docChanged || tr.getMeta(highlightPluginKey) === REFRESH ? decorate(state, options) : value,
    },
    props: {
      decorations: (state) => highlightPluginKey.getState(state)?.decorations,
      transformPasted: (slice, view) => {
        const present = new Set(highlightRanges(view.state.doc).map((r) => r.id));
        return stripPastedHighlights(slice, (id) => present.has(id));
      },
      handleClick: (view, pos) => {
        const ids = highlightsAt(view.state.doc, pos).filter((id) => options.model.highlights.has(id));
        const id = ids[ids.length - 1];
        if (id !== undefined) options.onHighlightClick?.(options.model.highlights.get(id) as Highlight);
        return false;
      },
    },
    view: (view) => {
      // Redraw after the Yjs transaction is over: dispatching from inside its observers would let the
      // sync plugin write this editor's document back before it has received the same transaction.
      let pending = false;
      const refresh = (): void => {
        pending = false;
        if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(highlightPluginKey, REFRESH));
      };
      const stop = options.model.highlights.observe(() => {
        if (pending) return;
        pending = true;
        queueMicrotask(refresh);
      });
      options.onUpdate?.(view.state);
      return {
        update: (_view, previous) => {
          if (highlightPluginKey.getState(previous) !== highlightPluginKey.getState(view.state))
            options.onUpdate?.(view.state);
        },
        destroy: stop,
      };
    },
  });
