import { useEffect, useId, useLayoutEffect, useRef, type ChangeEvent } from 'react';
import type * as Y from 'yjs';
import { transformCursor, type TextDelta } from '../lib/text-cursor.js';

interface NoteEditorProps {
  readonly noteId: string;
  /** The note body as a string (re-rendered on every change). */
  readonly text: string;
  /** The live body, watched for remote edits so the caret stays next to the same character. */
  readonly body: Y.Text | null;
  /** Writes the new value as a minimal diff (so a concurrent edit elsewhere in the note survives). */
  readonly setText: (value: string) => void;
  /** Names of the others typing in this note right now. */
  readonly typing: readonly string[];
  readonly onTyping: () => void;
}

/** A plain textarea bound to a collaborative Y.Text. */
export function NoteEditor({ noteId, text, body, setText, typing, onTyping }: NoteEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<{ start: number; end: number } | null>(null);
  const labelId = useId();

  // Remote edits: remember where the caret goes before React replaces the value.
  useEffect(() => {
    if (body === null) return;
    const onChange = (event: Y.YTextEvent, tx: Y.Transaction) => {
      const element = area.current;
      if (tx.local || element === null || document.activeElement !== element) return;
      const delta = event.delta as TextDelta[];
      const base = pendingCaret.current ?? { start: element.selectionStart, end: element.selectionEnd };
      pendingCaret.current = { start: transformCursor(base.start, delta), end: transformCursor(base.end, delta) };
    };
    body.observe(onChange);
    return () => body.unobserve(onChange);
  }, [body]);

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    const element = area.current;
    pendingCaret.current = null;
    if (caret && element && document.activeElement === element) element.setSelectionRange(caret.start, caret.end);
  }, [text]);

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    setText(event.target.value);
    onTyping();
  };

  return (
    <div className="note-panel" data-testid="note-editor" data-note-id={noteId}>
      <label id={labelId} htmlFor={`${labelId}-t`} className="hint">
        Note (shared: everyone here can write in it)
      </label>
      <textarea id={`${labelId}-t`} ref={area} value={text} onChange={onChange} aria-labelledby={labelId} data-testid="note-text" />
      <div className="typing" aria-live="polite" data-testid="typing">
        {typing.length === 0 ? '' : `${typing.join(', ')} ${typing.length === 1 ? 'is' : 'are'} typing…`}
      </div>
    </div>
  );
}
