import type * as Y from 'yjs';
import type { Model } from '@marginalia/model';

/** Replaces a Y.Text's content with `next` by its changed middle only (concurrent typing elsewhere in the note survives). */
export function applyTextEdit(text: Y.Text, next: string): void {
  const current = text.toString();
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let end = 0;
  while (
    end < current.length - start &&
    end < next.length - start &&
    current[current.length - 1 - end] === next[next.length - 1 - end]
  )
    end++;
  text.doc?.transact(() => {
    text.delete(start, current.length - start - end);
    text.insert(start, next.slice(start, next.length - end));
  });
}

/** The note of a highlight, created on first open. */
export function noteFor(model: Model, highlightId: string): string {
  const existing = model.highlights.get(highlightId)?.noteId;
  return existing ?? model.notes.create({ body: '', highlightId }).id;
}

/** Shows a note's body in `area` and keeps it current while others type in it; returns the unsubscribe. */
export function showNoteBody(area: HTMLTextAreaElement, body: Y.Text): () => void {
  const show = (): void => {
    const next = body.toString();
    if (area.value === next) return;
    const { selectionStart, selectionEnd } = area;
    area.value = next;
    area.setSelectionRange(selectionStart, selectionEnd);
  };
  show();
  body.observe(show);
  return () => body.unobserve(show);
}
