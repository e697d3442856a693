import { Mark } from '@tiptap/core';
import type { Plugin } from 'prosemirror-state';
import { HIGHLIGHT_ATTRIBUTE, HIGHLIGHT_MARK } from '../highlight-mark-spec.js';

/**
 * The highlight mark as a Tiptap extension (the same spec as `highlightMarkSpec`), carrying the
 * binding's plugins. Code blocks allow no marks in Tiptap: extend yours with `marks: HIGHLIGHT_MARK`
 * for highlights to survive turning their paragraph into one.
 */
export const createHighlightMarkExtension = (plugins: readonly Plugin[]) =>
  Mark.create({
    name: HIGHLIGHT_MARK,
    inclusive: false,
    excludes: '',
    addAttributes() {
      return {
        id: {
          default: null,
          parseHTML: (element: { getAttribute(name: string): string | null }) =>
            element.getAttribute(HIGHLIGHT_ATTRIBUTE),
          renderHTML: (attributes: Record<string, unknown>) => ({ [HIGHLIGHT_ATTRIBUTE]: String(attributes.id) }),
        },
      };
    },
    parseHTML() {
      return [{ tag: `span[${HIGHLIGHT_ATTRIBUTE}]` }];
    },
    renderHTML({ HTMLAttributes }) {
      return ['span', HTMLAttributes, 0];
    },
    addProseMirrorPlugins() {
      return [...plugins];
    },
  });
