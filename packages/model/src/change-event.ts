/** The kinds of change the feed reports. */
export type ChangeType =
  'highlight.created' | 'highlight.updated' | 'highlight.deleted' | 'note.created' | 'note.edited' | 'note.deleted';

export const CHANGE_TYPES: readonly ChangeType[] = [
  'highlight.created',
  'highlight.updated',
  'highlight.deleted',
  'note.created',
  'note.edited',
  'note.deleted',
];

/** One change to one highlight or note, as seen by this replica. */
export interface ChangeEvent {
  readonly type: ChangeType;
  /** The highlight or note id. */
  readonly id: string;
  /** Who made the change (null when their Yjs client is not registered in `authors`). */
  readonly userId: string | null;
  /** When this replica saw the change (the model's clock). */
  readonly at: number;
  /** True for changes made on this replica, false for changes that arrived from elsewhere. */
  readonly local: boolean;
  /** For `*.updated` / `note.edited`: which fields changed (`color`, `anchor`, `noteId`, `body`, `tags`, `highlightId`). */
  readonly fields: readonly string[];
}
