import { RangeSetBuilder, StateEffect, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import type { Highlight, HighlightColor, Model } from '@marginalia/model';

/** One highlight of the field as the editor shows it: the record, its range and words. */
export interface CodeHighlight {
  readonly highlight: Highlight;
  readonly author: string;
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

export const DEFAULT_SHADES: Readonly<Record<HighlightColor, string>> = {
  yellow: 'rgba(250, 204, 21, 0.40)',
  green: 'rgba(74, 222, 128, 0.40)',
  blue: 'rgba(96, 165, 250, 0.40)',
  pink: 'rgba(244, 114, 182, 0.40)',
  purple: 'rgba(192, 132, 252, 0.40)',
  orange: 'rgba(251, 146, 60, 0.40)',
};

const refresh = StateEffect.define<null>();

/** The field's text highlights that resolve, in document order (ties by creation). */
export const codeHighlights = (model: Model, field: string): CodeHighlight[] =>
  model.highlights
    .list()
    .flatMap((highlight) => {
      if (highlight.anchor.kind !== 'text' || highlight.anchor.field !== field) return [];
      const resolved = model.highlights.resolve(highlight.id);
      if (resolved.kind !== 'text' || resolved.status !== 'ok') return [];
      const author = model.people.nameOf(highlight.createdBy) ?? highlight.createdBy;
      return [{ highlight, author, from: resolved.start, to: resolved.end, text: resolved.text }];
    })
    .sort((a, b) => a.from - b.from || a.to - b.to);

export interface HighlightDecorationOptions {
  readonly model: Model;
  readonly field: string;
  readonly shades?: Partial<Record<HighlightColor, string>>;
  readonly onHighlightClick?: (highlight: Highlight) => void;
  /** After every redraw, with what is drawn. */
  readonly onUpdate?: (highlights: CodeHighlight[]) => void;
}

/**
 * Draws the model's highlights on `field` (relative-position anchors resolved against the Y.Text) with
 * their colour and author. Place it after `yCollab(...)`: its update runs after the sync wrote the edit.
 */
export const highlightDecorations = (options: HighlightDecorationOptions): Extension => {
  const shades = { ...DEFAULT_SHADES, ...options.shades };
  let drawn: CodeHighlight[] = [];
  const build = (): DecorationSet => {
    drawn = codeHighlights(options.model, options.field);
    const builder = new RangeSetBuilder<Decoration>();
    for (const { highlight, author, from, to } of drawn) {
      builder.add(
        from,
        to,
        Decoration.mark({
          class: `marginalia-highlight marginalia-highlight-${highlight.color}`,
          attributes: {
            style: `background-color: ${shades[highlight.color]}`,
            'data-highlight-id': highlight.id,
            'data-author': author,
            title: author,
          },
        }),
      );
    }
    options.onUpdate?.(drawn);
    return builder.finish();
  };
  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      private readonly stop: () => void;
      constructor(view: EditorView) {
        this.decorations = build();
        let pending = false;
        this.stop = options.model.highlights.observe(() => {
          if (pending) return;
          pending = true;
          queueMicrotask(() => {
            pending = false;
            view.dispatch({ effects: refresh.of(null) });
          });
        });
      }
      update(update: ViewUpdate): void {
        if (update.docChanged || update.transactions.some((tr) => tr.effects.some((e) => e.is(refresh))))
          this.decorations = build();
      }
      destroy(): void {
        this.stop();
      }
    },
    { decorations: (value) => value.decorations },
  );
  const clicks = EditorView.domEventHandlers({
    click: (event, view) => {
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
      const hit = pos === null ? undefined : [...drawn].reverse().find((h) => h.from <= pos && pos < h.to);
      if (hit !== undefined) options.onHighlightClick?.(hit.highlight);
      return false;
    },
  });
  return [plugin, clicks];
};
