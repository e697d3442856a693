import type * as Y from 'yjs';
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
export declare function NoteEditor({ noteId, text, body, setText, typing, onTyping }: NoteEditorProps): import("react").JSX.Element;
export {};
