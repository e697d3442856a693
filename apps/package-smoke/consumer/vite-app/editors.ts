// (d) Both editor bindings from the tarballs, on the same document as the React app: Tiptap 3 through
// @marginalia/prosemirror/tiptap and CodeMirror 6 through @marginalia/codemirror. Every one of them
// (and y-prosemirror, @tiptap/y-tiptap, y-codemirror.next under them) must share the app's one Yjs.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { DocHandle } from '@marginalia/client';
import { HIGHLIGHT_MARK } from '@marginalia/prosemirror';
import { createMarginaliaTiptap } from '@marginalia/prosemirror/tiptap';
import { createMarginaliaCodeMirror } from '@marginalia/codemirror';

export function mountEditors(handle: DocHandle, prose: HTMLElement, code: HTMLElement): () => void {
  const tiptap = createMarginaliaTiptap(handle, { field: 'essay' });
  const editor = new Editor({
    element: prose,
    extensions: [StarterKit.configure({ undoRedo: false }), ...tiptap.extensions],
  });
  const codemirror = createMarginaliaCodeMirror(handle, { field: 'code' });
  const view = new EditorView({
    parent: code,
    state: EditorState.create({ doc: codemirror.text.toString(), extensions: codemirror.extensions }),
  });
  prose.dataset.mark = HIGHLIGHT_MARK;
  return () => {
    editor.destroy();
    view.destroy();
    tiptap.close();
    codemirror.close();
  };
}
