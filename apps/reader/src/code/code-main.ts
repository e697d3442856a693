import '../editor/editor-styles.css';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { createClient } from '@marginalia/client';
import { createMarginaliaCodeMirror, DEFAULT_SHADES } from '@marginalia/codemirror';
import { HIGHLIGHT_COLORS } from '@marginalia/model';
import { relayUrl, tokenFromPage } from '../client-setup.js';
import { editorUser } from '../editor/editor-user.js';
import { renderMargin } from '../editor/margin-list.js';
import { applyTextEdit, noteFor, showNoteBody } from '../editor/note-panel.js';

// The code mode (code.html): CodeMirror 6 on a Marginalia document's Y.Text through y-codemirror.next
// and @marginalia/codemirror; highlights in the margin with their notes, remote carets, offline.
const $ = <T extends HTMLElement>(selector: string): T => document.querySelector(selector) as T;
const search = new URLSearchParams(window.location.search);
const user = editorUser(search, localStorage);
const docName = search.get('doc') ?? 'demo/code';
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
const marginalia = createMarginaliaCodeMirror(handle, { field: 'code', onHighlightClick: (h) => openNote(h.id) });
const view = new EditorView({
  parent: $('#editor'),
  state: EditorState.create({ doc: marginalia.text.toString(), extensions: marginalia.extensions }),
});

const noteBody = $<HTMLTextAreaElement>('#note-body');
let stopShowingNote = (): void => undefined;
function openNote(highlightId: string): void {
  current = highlightId;
  const noteId = noteFor(handle.model, highlightId);
  $('#note').hidden = false;
  // The model, not the drawn list: a highlight made a moment ago is drawn on the next microtask.
  const resolved = handle.model.highlights.resolve(highlightId);
  $('#note-title').textContent = `Note on “${resolved.status === 'ok' && 'text' in resolved ? resolved.text : ''}”`;
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

for (const color of HIGHLIGHT_COLORS) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = color;
  button.dataset.color = color;
  button.style.background = DEFAULT_SHADES[color];
  button.addEventListener('mousedown', (event) => event.preventDefault()); // keep the editor's selection
  button.addEventListener('click', () => {
    const made = marginalia.highlightSelection(view, { color });
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
  marginaliaCode: {
    view,
    handle,
    highlights: () =>
      marginalia.highlights().map(({ highlight, text }) => ({ id: highlight.id, text, color: highlight.color })),
    text: () => view.state.doc.toString(),
    select: (from: number, to: number) => {
      view.focus();
      view.dispatch({ selection: EditorSelection.range(from, to) });
    },
  },
});
