import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { createMarginaliaCodeMirror, DEFAULT_SHADES } from '@marginalia/codemirror';
import { demoPageApi, startDemoShell } from '../editor/demo-shell.js';

// The code mode (code.html): CodeMirror 6 on a Marginalia document's Y.Text through y-codemirror.next
// and @marginalia/codemirror; highlights in the margin with their notes, remote carets, offline.
const shell = await startDemoShell({
  defaultDoc: 'demo/code',
  editorLabel: 'Code',
  recolor: false,
  shades: DEFAULT_SHADES,
  bind(handle, parent, openNote) {
    const marginalia = createMarginaliaCodeMirror(handle, { field: 'code', onHighlightClick: (h) => openNote(h.id) });
    const view = new EditorView({
      parent,
      state: EditorState.create({ doc: marginalia.text.toString(), extensions: marginalia.extensions }),
    });
    return {
      editor: view,
      highlights: () => marginalia.highlights(),
      quote: (id) => {
        // The model, not the drawn list: a highlight made a moment ago is drawn on the next microtask.
        const resolved = handle.model.highlights.resolve(id);
        return resolved.status === 'ok' && 'text' in resolved ? resolved.text : '';
      },
      highlightSelection: (color) => marginalia.highlightSelection(view, { color }),
      delete: (id) => marginalia.delete(id),
      observe: (listener) => marginalia.observe(listener),
    };
  },
});
const view = shell.binding.editor;

/** For end-to-end tests and the console. */
Object.assign(window, {
  marginaliaCode: {
    ...demoPageApi(shell),
    view,
    text: () => view.state.doc.toString(),
    select: (from: number, to: number) => {
      view.focus();
      view.dispatch({ selection: EditorSelection.range(from, to) });
    },
  },
});
