import { useEffect, useId, useLayoutEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
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
  readonly tags: readonly string[];
  readonly onAddTag: (tag: string) => void;
  readonly onRemoveTag: (tag: string) => void;
}

/** A plain textarea bound to a collaborative Y.Text. */
export function NoteEditor({
  noteId,
  text,
  body,
  setText,
  typing,
  onTyping,
  tags,
  onAddTag,
  onRemoveTag,
}: NoteEditorProps) {
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
      <textarea
        id={`${labelId}-t`}
        ref={area}
        value={text}
        onChange={onChange}
        aria-labelledby={labelId}
        data-testid="note-text"
        dir="auto"
      />
      <TagEditor tags={tags} onAdd={onAddTag} onRemove={onRemoveTag} />
      <div className="typing" aria-live="polite" data-testid="typing">
        {typing.length === 0 ? '' : `${typing.join(', ')} ${typing.length === 1 ? 'is' : 'are'} typing…`}
      </div>
    </div>
  );
}

/** The note's tags as chips (× removes), and a field to add one (Enter). */
function TagEditor({
  tags,
  onAdd,
  onRemove,
}: {
  tags: readonly string[];
  onAdd: (tag: string) => void;
  onRemove: (tag: string) => void;
}) {
  const [value, setValue] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    const tag = value.trim().replace(/^#/, '').slice(0, 64);
    if (tag !== '') onAdd(tag);
    setValue('');
  };
  return (
    <form className="tag-editor" onSubmit={add} data-testid="tag-editor">
      {tags.map((tag) => (
        <span key={tag} className="tag">
          #{tag}
          <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => onRemove(tag)}>
            ×
          </button>
        </span>
      ))}
      <input
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="Add a tag"
        aria-label="Add a tag"
        maxLength={64}
      />
    </form>
  );
}
