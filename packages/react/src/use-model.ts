import { useCallback } from 'react';
import type * as Y from 'yjs';
import type { Highlight, Model, Note } from '@marginalia/model';
import { useExternalValue } from './use-external-value.js';

/** Anything that carries a typed model: a client document handle, or `{ model }` around a bare one. */
export interface HasModel {
  readonly model: Model;
}

/** Every highlight of the document, in creation order; re-renders on any highlight change, local or remote. */
export function useHighlights(doc: HasModel): readonly Highlight[] {
  const { highlights } = doc.model;
  return useExternalValue(
    (onChange) => highlights.observe(onChange),
    () => highlights.list(),
    [highlights],
  );
}

/** Every note (bodies as strings), in creation order. */
export function useNotes(doc: HasModel): readonly Note[] {
  const { notes } = doc.model;
  return useExternalValue(
    (onChange) => notes.observe(onChange),
    () => notes.list(),
    [notes],
  );
}

export interface NoteText {
  /** The body, '' while the note is unknown here (not synced yet, or deleted). */
  readonly text: string;
  /** The live Y.Text, for editor bindings; null while the note is unknown. */
  readonly body: Y.Text | null;
  /** Replaces the body by its minimal diff, so a concurrent edit elsewhere in the note survives. */
  readonly setText: (value: string) => void;
}

/** One note's body as text, and a setter that writes minimal diffs. */
export function useNoteText(doc: HasModel, noteId: string | null): NoteText {
  const { notes } = doc.model;
  const snapshot = useExternalValue(
    (onChange) => notes.observe(onChange),
    () => {
      if (noteId === null || !notes.has(noteId)) return { text: '', body: null };
      const body = notes.body(noteId);
      return { text: body.toString(), body };
    },
    [notes, noteId],
  );
  const setText = useCallback(
    (value: string) => {
      if (noteId !== null && notes.has(noteId)) notes.setBody(noteId, value);
    },
    [notes, noteId],
  );
  return { ...snapshot, setText };
}
