import type { HighlightView } from '../view-types.js';

export interface SidebarItem {
  readonly highlight: HighlightView;
  readonly quote: string;
  readonly note?: string;
  /** Names of people typing in this highlight's note. */
  readonly typing: readonly string[];
}

export interface Notification {
  readonly id: number;
  readonly text: string;
}

interface SidebarProps {
  readonly items: readonly SidebarItem[];
  readonly notifications: readonly Notification[];
  readonly unreadCount: number;
  readonly selectedId: string | null;
  readonly onOpen: (highlightId: string) => void;
  readonly onMarkRead: () => void;
  readonly onDismiss: (notificationId: number) => void;
}

/** Notifications, the unread count and every highlight with its note, in reading order. */
export function Sidebar(props: SidebarProps) {
  const { items, notifications, unreadCount, selectedId, onOpen, onMarkRead, onDismiss } = props;
  return (
    <aside className="sidebar" aria-label="Highlights and notes">
      <ul className="notifications" aria-live="polite" aria-label="Notifications" data-testid="notifications">
        {notifications.map((n) => (
          <li className="notification" key={n.id}>
            <p>{n.text}</p>
            <button type="button" className="button" aria-label={`Dismiss: ${n.text}`} onClick={() => onDismiss(n.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
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
      {items.length === 0 && <p className="hint">Nothing yet. Select words in the text to highlight them.</p>}
      <ul data-testid="highlight-list">
        {items.map(({ highlight, quote, note, typing }) => (
          <li key={highlight.id}>
            <button
              type="button"
              className={`item ${highlight.color}`}
              aria-current={highlight.id === selectedId || undefined}
              data-highlight-id={highlight.id}
              data-unread={highlight.unread || undefined}
              onClick={() => onOpen(highlight.id)}
            >
              <span className="quote">{quote}</span>
              {note !== undefined && note !== '' && <span className="meta">Note: {note.length > 80 ? `${note.slice(0, 77)}…` : note}</span>}
              <span className="meta">
                {highlight.createdBy}
                {highlight.unread && (
                  <span className="unread-badge" data-testid="unread-marker">
                    new
                  </span>
                )}
                {typing.length > 0 && <> · ✎ {typing.join(', ')} typing</>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
