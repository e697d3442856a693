import './editor-styles.css';
import { createClient, type DocHandle } from '@marginalia/client';
import { HIGHLIGHT_COLORS, type HighlightColor } from '@marginalia/model';
import { relayUrl, tokenFromPage } from '../client-setup.js';
import { renderDemoShell } from './demo-shell-markup.js';
import { editorUser } from './editor-user.js';
import { renderMargin, type MarginItem } from './margin-list.js';
import { applyTextEdit, noteFor, showNoteBody } from './note-panel.js';

/** What the shell needs of an editor binding (@marginalia/prosemirror/tiptap, @marginalia/codemirror). */
export interface DemoBinding<E> {
  /** The editor itself, for the demo's own test and console API. */
  readonly editor: E;
  /** The highlights in document order, as the margin lists them. */
  highlights(): readonly MarginItem[];
  /** The highlighted words, for the title of the highlight's note. */
  quote(highlightId: string): string;
  /** Highlights the editor's selection; null when there is none. */
  highlightSelection(color: HighlightColor): { readonly id: string } | null;
  delete(highlightId: string): void;
  /** With it, the note panel has a Recolour button (the next colour of the palette). */
  recolor?(highlightId: string, color: HighlightColor): void;
  /** Called whenever `highlights()` may have changed. */
  observe(listener: () => void): unknown;
}

export interface DemoShellOptions<E> {
  /** The document opened without `?doc=`. */
  readonly defaultDoc: string;
  /** The accessible name of the editor's element. */
  readonly editorLabel: string;
  /** Whether the note panel offers Recolour (the binding then has `recolor`). */
  readonly recolor: boolean;
  /** The colour buttons' backgrounds. */
  readonly shades: Readonly<Record<HighlightColor, string>>;
  /** Creates the editor in `parent` on the loaded document; `openNote` is for clicks on highlighted words. */
  bind(handle: DocHandle, parent: HTMLElement, openNote: (highlightId: string) => void): DemoBinding<E>;
}

export interface DemoShell<E> {
  readonly handle: DocHandle;
  readonly binding: DemoBinding<E>;
}

const $ = <T extends HTMLElement>(selector: string): T => document.querySelector(selector) as T;

/**
 * A demo page of an editor binding (editor.html, code.html): the user from the link or the saved profile, the
 * document from `?doc=`, "Work offline" (`?offline=1` starts disconnected: the page then shows what IndexedDB
 * holds), highlight buttons, the margin list, the note panel, the sync status and who else is here.
 */
export async function startDemoShell<E>(options: DemoShellOptions<E>): Promise<DemoShell<E>> {
  renderDemoShell(document.body, options);
  const search = new URLSearchParams(window.location.search);
  const user = editorUser(search, localStorage);
  const docName = search.get('doc') ?? options.defaultDoc;
  const token = tokenFromPage();
  const client = createClient({ url: relayUrl(window.location), ...(token === undefined ? {} : { token }), user });
  const offline = $<HTMLInputElement>('#offline');
  offline.checked = search.get('offline') === '1';
  if (offline.checked) client.disconnect();
  offline.addEventListener('change', () => (offline.checked ? client.disconnect() : client.connect()));
  const handle = client.open(docName);
  await handle.whenLoaded;

  let current: string | undefined;
  const binding = options.bind(handle, $('#editor'), (id) => openNote(id));
  const noteBody = $<HTMLTextAreaElement>('#note-body');
  let stopShowingNote = (): void => undefined;
  function openNote(highlightId: string): void {
    current = highlightId;
    const noteId = noteFor(handle.model, highlightId);
    $('#note').hidden = false;
    $('#note-title').textContent = `Note on “${binding.quote(highlightId)}”`;
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
    if (current !== undefined) binding.delete(current);
    current = undefined;
    stopShowingNote();
    $('#note').hidden = true;
  });
  if (options.recolor) $('#note-recolor').addEventListener('click', () => recolorCurrent(handle, binding, current));
  renderColorButtons($('#colors'), options.shades, (color) => {
    const made = binding.highlightSelection(color);
    if (made !== null) openNote(made.id);
  });

  function render(): void {
    renderMargin($('#margin'), binding.highlights(), current, openNote);
    $('#status').textContent = `${handle.status} · ${handle.unsyncedChanges} unsynced`;
    $('#people').textContent =
      handle.presence
        .others()
        .map((p) => p.user.name)
        .join(', ') || 'only you';
  }
  $('#doc-name').textContent = docName;
  binding.observe(render);
  handle.on('status', render);
  handle.on('unsynced', render);
  handle.presence.on('change', render);
  render();
  return { handle, binding };
}

/** One button a palette colour; pressing it keeps the editor's selection. */
function renderColorButtons(
  group: HTMLElement,
  shades: Readonly<Record<HighlightColor, string>>,
  highlight: (color: HighlightColor) => void,
): void {
  for (const color of HIGHLIGHT_COLORS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = color;
    button.dataset.color = color;
    button.style.background = shades[color];
    button.addEventListener('mousedown', (event) => event.preventDefault()); // keep the editor's selection
    button.addEventListener('click', () => highlight(color));
    group.append(button);
  }
}

/** Recolour: the open highlight takes the next colour of the palette. */
function recolorCurrent(handle: DocHandle, binding: DemoBinding<unknown>, current: string | undefined): void {
  const highlight = current === undefined ? undefined : handle.model.highlights.get(current);
  if (highlight === undefined || binding.recolor === undefined) return;
  binding.recolor(
    highlight.id,
    HIGHLIGHT_COLORS[(HIGHLIGHT_COLORS.indexOf(highlight.color) + 1) % HIGHLIGHT_COLORS.length] as HighlightColor,
  );
}

/** The test and console API both demos publish on `window`: the handle and the listed highlights. */
export function demoPageApi<E>(shell: DemoShell<E>): {
  readonly handle: DocHandle;
  highlights(): Array<{ id: string; text: string; color: HighlightColor }>;
} {
  return {
    handle: shell.handle,
    highlights: () =>
      shell.binding.highlights().map(({ highlight, text }) => ({ id: highlight.id, text, color: highlight.color })),
  };
}
