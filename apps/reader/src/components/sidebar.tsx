import type { ReactNode } from 'react';
import type { HighlightView } from '../view-types.js';

export interface SidebarItem {
  readonly highlight: HighlightView;
  readonly quote: string;
  readonly note?: string;
  readonly tags: readonly string[];
  /** Others who wrote in the note ("edited by"). */
  readonly editedBy: readonly string[];
  /** Unread items of this highlight (itself and its note). */
  readonly unreadCount: number;
  /** Names of people typing in this highlight's note. */
  readonly typing: readonly string[];
}

interface SidebarProps {
  readonly items: readonly SidebarItem[];
  readonly unreadCount: number;
  readonly selectedId: string | null;
  readonly tags: readonly string[];
  readonly tagFilter: string | null;
  readonly onTagFilter: (tag: string | null) => void;
  readonly onOpen: (highlightId: string) => void;
  readonly onMarkRead: () => void;
  /** Orphaned notes and the activity feed. */
  readonly before?: ReactNode;
  readonly after?: ReactNode;
}

/** The unread count, orphans, every highlight with its note (filterable by tag), and the activity feed. */
export function Sidebar(props: SidebarProps) {
  const { items, unreadCount, selectedId, tags, tagFilter, onTagFilter, onOpen, onMarkRead, before, after } = props;
  const shown = tagFilter === null ? items : items.filter((item) => item.tags.includes(tagFilter));
  return (
    <aside className="sidebar" id="sidebar" aria-label="Highlights and notes">
      {before}
      <h2>
        Highlights and notes
        {unreadCount > 0 && (
          <span className="unread-badge" data-testid="unread-count" aria-label={`${unreadCount} unread`}>
            {unreadCount}
          </span>
        )}
      </h2>
      {unreadCount > 0 && (
        <button type="button" className="button" onClick={onMarkRead}>
          Mark all as read
        </button>
      )}
      {tags.length > 0 && (
        <div className="tag-filter" role="group" aria-label="Filter by tag" data-testid="tag-filter">
          {tags.map((tag) => (
            <button
              key={tag}
              type="button"
              className="tag"
              aria-pressed={tagFilter === tag}
              onClick={() => onTagFilter(tagFilter === tag ? null : tag)}
            >
              #{tag}
            </button>
          ))}
        </div>
      )}
      {items.length === 0 && <p className="hint">Nothing yet. Select words in the text to highlight them.</p>}
      <ul data-testid="highlight-list">
        {shown.map(({ highlight, quote, note, tags: itemTags, editedBy, unreadCount: count, typing }) => (
          <li key={highlight.id}>
            <button
              type="button"
              className={`item ${highlight.color}`}
              aria-current={highlight.id === selectedId || undefined}
              data-highlight-id={highlight.id}
              data-unread={count > 0 || undefined}
              onClick={() => onOpen(highlight.id)}
            >
              <span className="quote">{quote}</span>
              {note !== undefined && note !== '' && (
                <span className="meta note-preview" dir="auto">
                  Note: {note.length > 80 ? `${note.slice(0, 77)}…` : note}
                </span>
              )}
              <span className="meta">
                {highlight.createdBy}
                {editedBy.length > 0 && ` · edited by ${editedBy.join(', ')}`}
                {itemTags.length > 0 && ` · ${itemTags.map((t) => `#${t}`).join(' ')}`}
                {count > 0 && (
                  <span className="unread-badge" data-testid="unread-marker" data-count={count}>
                    {count === 1 ? 'new' : `${count} new`}
                  </span>
                )}
                {typing.length > 0 && <> · ✎ {typing.join(', ')} typing</>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {after}
    </aside>
  );
}
