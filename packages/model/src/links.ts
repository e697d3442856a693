import * as Y from 'yjs';
import { ModelError } from './model-error.js';
import { stamp } from './records.js';
import type { ModelContext } from './model-context.js';
import { writeAbout } from './note-about.js';

/**
 * Links highlight `highlightId` to note `noteId` (or unlinks it, with null), writing both sides in the caller's
 * transaction: `highlight.noteId` and `note.highlightId`. Whatever either side pointed at before is unlinked.
 */
export const setLink = (ctx: ModelContext, highlightId: string, noteId: string | null): void => {
  const { highlights, notes } = ctx.roots;
  const highlight = highlights.get(highlightId);
  if (!(highlight instanceof Y.Map))
    throw new ModelError('unknown_highlight', `no highlight ${JSON.stringify(highlightId)}`, { id: highlightId });
  const note = noteId === null ? undefined : notes.get(noteId);
  if (noteId !== null && !(note instanceof Y.Map))
    throw new ModelError('unknown_note', `no note ${JSON.stringify(noteId)}`, { id: noteId });
  const at = ctx.now();
  const previousNote = highlight.get('noteId');
  if (typeof previousNote === 'string' && previousNote !== noteId) {
    const old = notes.get(previousNote);
    if (old instanceof Y.Map && old.get('highlightId') === highlightId) {
      old.delete('highlightId');
      stamp(old, ctx.user.id, at);
    }
  }
  if (note === undefined) {
    if (previousNote !== undefined) {
      highlight.delete('noteId');
      stamp(highlight, ctx.user.id, at);
    }
    return;
  }
  const previousHighlight = note.get('highlightId');
  if (typeof previousHighlight === 'string' && previousHighlight !== highlightId) {
    const old = highlights.get(previousHighlight);
    if (old instanceof Y.Map && old.get('noteId') === noteId) {
      old.delete('noteId');
      stamp(old, ctx.user.id, at);
    }
  }
  if (highlight.get('noteId') !== noteId) {
    highlight.set('noteId', noteId);
    stamp(highlight, ctx.user.id, at);
  }
  if (previousHighlight !== highlightId) {
    note.set('highlightId', highlightId);
    stamp(note, ctx.user.id, at);
  }
  writeAbout(ctx.doc, note, highlight);
};
