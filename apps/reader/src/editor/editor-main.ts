import './editor-styles.css';
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import CodeBlock from '@tiptap/extension-code-block';
import { createClient } from '@marginalia/client';
import { HIGHLIGHT_COLORS, type HighlightColor } from '@marginalia/model';
import { DEFAULT_HIGHLIGHT_SHADES, HIGHLIGHT_MARK } from '@marginalia/prosemirror';
import { createMarginaliaTiptap } from '@marginalia/prosemirror/tiptap';
import { relayUrl, tokenFromPage } from '../client-setup.js';
import { editorUser } from './editor-user.js';
import { renderMargin } from './margin-list.js';
import { applyTextEdit, noteFor, showNoteBody } from './note-panel.js';

const $ = <T extends HTMLElement>(selector: string): T => document.querySelector(selector) as T;
const search = new URLSearchParams(window.location.search);
const user = editorUser(search, localStorage);
const docName = search.get('doc') ?? 'demo/essay';
const token = tokenFromPage();
const client = createClient({ url: relayUrl(window.location), ...(token === undefined ? {} : { token }), user });
// `?offline=1` starts disconnected: what the page shows then comes from IndexedDB alone.
const offline = $<HTMLInputElement>('#offline');
offline.checked = search.get('offline') === '1';
if (offline.checked) client.disconnect();
offline.addEventListener('change', () => (offline.checked ? client.disconnect() : client.connect()));
const handle = client.open(docName);
await handle.whenLoaded;

let current: string | undefined;
const marginalia = createMarginaliaTiptap(handle, { field: 'body', onHighlightClick: (h) => openNote(h.id) });
const editor = new Editor({
  element: $('#editor'),
  extensions: [
    StarterKit.configure({ undoRedo: false, codeBlock: false }),
    CodeBlock.extend({ marks: HIGHLIGHT_MARK }),
    ...marginalia.extensions,
  ],
});

const noteBody = $<HTMLTextAreaElement>('#note-body');
let stopShowingNote = (): void => undefined;
function openNote(highlightId: string): void {
  current = highlightId;
  const noteId = noteFor(handle.model, highlightId);
  $('#note').hidden = false;
  $('#note-title').textContent =
    `Note on “${marginalia.highlights().find((h) => h.highlight.id === highlightId)?.text ?? ''}”`;
  stopShowingNote();
  stopShowingNote = showNoteBody(noteBody, handle.model.notes.body(noteId));
  noteBody.dataset.noteId = noteId;
  render();
}
noteBody.addEventListener('input', () => {
  const noteId = noteBody.dataset.noteId;
  if (noteId !== undefined) applyTextEdit(handle.model.notes.body(noteId), noteBody.value);
});
$('#note-delete').addEventListener('click', () => {
  if (current !== undefined) marginalia.delete(current);
  current = undefined;
  stopShowingNote();
  $('#note').hidden = true;
});
$('#note-recolor').addEventListener('click', () => {
  const highlight = current === undefined ? undefined : handle.model.highlights.get(current);
  if (highlight === undefined) return;
  marginalia.recolor(
    highlight.id,
    HIGHLIGHT_COLORS[(HIGHLIGHT_COLORS.indexOf(highlight.color) + 1) % HIGHLIGHT_COLORS.length] as HighlightColor,
  );
});

for (const color of HIGHLIGHT_COLORS) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = color;
  button.dataset.color = color;
  button.style.background = DEFAULT_HIGHLIGHT_SHADES[color];
  button.addEventListener('mousedown', (event) => event.preventDefault()); // keep the editor's selection
  button.addEventListener('click', () => {
    const made = marginalia.highlightSelection(editor.state, { color });
    if (made !== null) openNote(made.id);
  });
  $('#colors').append(button);
}

function render(): void {
  renderMargin($('#margin'), marginalia.highlights(), current, openNote);
  $('#status').textContent = `${handle.status} · ${handle.unsyncedChanges} unsynced`;
  $('#people').textContent =
    handle.presence
      .others()
      .map((p) => p.user.name)
      .join(', ') || 'only you';
}
$('#doc-name').textContent = docName;
marginalia.observe(render);
handle.on('status', render);
handle.on('unsynced', render);
handle.presence.on('change', render);
render();

/** For end-to-end tests and the console. */
Object.assign(window, {
  marginaliaEditor: {
    editor,
    handle,
    highlights: () =>
      marginalia.highlights().map(({ highlight, text }) => ({ id: highlight.id, text, color: highlight.color })),
    resolve: (id: string) => handle.model.highlights.resolve(id),
    text: () => editor.state.doc.textBetween(0, editor.state.doc.content.size, '\n'),
    html: () => editor.getHTML(),
  },
});
