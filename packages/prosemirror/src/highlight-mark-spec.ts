import { HIGHLIGHT_MARK } from '@marginalia/model';
import type { MarkSpec } from 'prosemirror-model';

export { HIGHLIGHT_MARK };

/** The attribute on the rendered span (and what parseDOM reads back). */
export const HIGHLIGHT_ATTRIBUTE = 'data-marginalia-highlight';

/**
 * The mark carrying a highlight's id. It does not exclude itself (highlights overlap), is not inclusive
 * (typing at either edge stays outside) and renders a bare span: colour and author are decorations.
 * Add it to a schema as `marks: schema.spec.marks.addToEnd(HIGHLIGHT_MARK, highlightMarkSpec)`.
 */
export const highlightMarkSpec: MarkSpec = {
  attrs: { id: { validate: 'string' } },
  inclusive: false,
  excludes: '',
  parseDOM: [
    {
      tag: `span[${HIGHLIGHT_ATTRIBUTE}]`,
      getAttrs: (dom) => ({
        id: (dom as { getAttribute(name: string): string | null }).getAttribute(HIGHLIGHT_ATTRIBUTE),
      }),
    },
  ],
  toDOM: (mark) => ['span', { [HIGHLIGHT_ATTRIBUTE]: String(mark.attrs.id) }, 0],
};
