import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import CodeBlock from '@tiptap/extension-code-block';
import { DEFAULT_HIGHLIGHT_SHADES, HIGHLIGHT_MARK } from '@marginalia/prosemirror';
import { createMarginaliaTiptap } from '@marginalia/prosemirror/tiptap';
import { demoPageApi, startDemoShell } from './demo-shell.js';

// The rich-text mode (editor.html): Tiptap 3 on a Marginalia document's `body` fragment through
// @marginalia/prosemirror/tiptap; highlights in the margin with their notes, recolour, remote carets, offline.
const shell = await startDemoShell({
  defaultDoc: 'demo/essay',
  editorLabel: 'Document',
  recolor: true,
  shades: DEFAULT_HIGHLIGHT_SHADES,
  bind(handle, element, openNote) {
    const marginalia = createMarginaliaTiptap(handle, { field: 'body', onHighlightClick: (h) => openNote(h.id) });
    const editor = new Editor({
      element,
      extensions: [
        StarterKit.configure({ undoRedo: false, codeBlock: false }),
        CodeBlock.extend({ marks: HIGHLIGHT_MARK }),
        ...marginalia.extensions,
      ],
    });
    return {
      editor,
      highlights: () => marginalia.highlights(),
      quote: (id) => marginalia.highlights().find((h) => h.highlight.id === id)?.text ?? '',
      highlightSelection: (color) => marginalia.highlightSelection(editor.state, { color }),
      delete: (id) => marginalia.delete(id),
      recolor: (id, color) => marginalia.recolor(id, color),
      observe: (listener) => marginalia.observe(listener),
    };
  },
});
const { editor } = shell.binding;

/** For end-to-end tests and the console. */
Object.assign(window, {
  marginaliaEditor: {
    ...demoPageApi(shell),
    editor,
    resolve: (id: string) => shell.handle.model.highlights.resolve(id),
    text: () => editor.state.doc.textBetween(0, editor.state.doc.content.size, '\n'),
    html: () => editor.getHTML(),
  },
});
