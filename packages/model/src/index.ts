export { createModel } from './create-model.js';
export type { Model, ModelOptions } from './create-model.js';
export type { ModelUser } from './model-context.js';
export { ModelError, isModelError } from './model-error.js';
export type { ModelErrorCode } from './model-error.js';
export { HIGHLIGHT_COLORS, DEFAULT_HIGHLIGHT_COLOR, isHighlightColor } from './colors.js';
export type { HighlightColor } from './colors.js';
export { ROOT } from './doc-layout.js';
export type { Highlight, Note, Tombstone } from './records.js';
export type { Highlights, CreateHighlightInput, HighlightPatch } from './highlights.js';
export type { Notes, CreateNoteInput } from './notes.js';
export type { NoteAbout } from './note-about.js';
export type { Orphans, OrphanNote, OrphanHighlight, OrphanNoteReason } from './orphans.js';
export { encodeAnchor } from './anchor.js';
export { resolveAnchor } from './resolve-anchor.js';
export { HIGHLIGHT_MARK, highlightMarkKey, isHighlightAttribute } from './highlight-mark.js';
export type {
  AnchorInput,
  TextAnchorInput,
  MarkAnchorInput,
  RefAnchor,
  StoredAnchor,
  StoredTextAnchor,
  StoredMarkAnchor,
  ResolvedAnchor,
  OrphanReason,
  RelativePositionJSON,
  TextFieldType,
} from './anchor-types.js';
export type { Authorship, AuthorSpan } from './authorship.js';
export { checkAuthors, type ForgedAuthor } from './check-authors.js';
export type { People, Person } from './people.js';
export { CHANGE_TYPES } from './change-event.js';
export type { ChangeEvent, ChangeType } from './change-event.js';
export type { ChangeFeed } from './change-feed.js';
export { summarizeChanges, describeChanges } from './summarize-changes.js';
export type { Activity, ActivityEntry } from './activity.js';
export { groupActivity } from './group-activity.js';
export type { ActivityGroup, GroupActivityOptions } from './group-activity.js';
export type { SummarizableChange, SummarizeOptions } from './summarize-changes.js';
export type { Unread, UnreadItem, ReadMarker } from './unread.js';
export { BASE_SCHEMA_VERSION } from './meta.js';
export type { Meta, Migration, MigrationContext, MigrationRecord } from './meta.js';
export {
  PRESENCE_STATUSES,
  PRESENCE_FIELDS,
  TYPING_TTL_MS,
  validatePresence,
  isValidPresence,
  encodePresence,
  decodePresence,
  withTyping,
  withoutTyping,
  isTyping,
} from './presence.js';
export type {
  PresenceState,
  PresenceStatus,
  PresenceUser,
  PresenceTyping,
  PresenceLocation,
  PresenceSelection,
} from './presence.js';
export { encodeSelection, decodeSelection } from './presence-selection.js';
