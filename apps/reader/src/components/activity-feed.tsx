import type { ActivityEntry, ActivityGroup } from '@marginalia/model';

interface ActivityFeedProps {
  readonly groups: readonly ActivityGroup[];
  readonly nameOf: (userId: string) => string;
  /** Jump to the passage: the highlight when it still exists, else the passage it was on. */
  readonly onJump: (entry: ActivityEntry) => void;
}

const VERBS: Record<ActivityEntry['type'], string> = {
  'highlight.created': 'highlighted',
  'highlight.updated': 'changed the highlight on',
  'highlight.deleted': 'removed the highlight on',
  'note.created': 'wrote a note on',
  'note.edited': 'edited the note on',
  'note.deleted': 'deleted the note on',
};

/** "19:05", or "3 Dec, 19:05" when not today. */
export function formatTime(at: number, now = Date.now()): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === date.toDateString()
    ? time
    : `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}

function entryText(entry: ActivityEntry, nameOf: (userId: string) => string): string {
  const quote =
    entry.quote === undefined
      ? 'a passage'
      : `“${entry.quote.length > 50 ? `${entry.quote.slice(0, 47)}…` : entry.quote}”`;
  const others = (entry.editors ?? []).filter((id) => id !== entry.userId).map(nameOf);
  return `${VERBS[entry.type]} ${quote}${others.length > 0 ? ` (also edited by ${others.join(', ')})` : ''}`;
}

/** Who did what, grouped by person and time, newest first; read from the doc, so it is there after a reload. */
export function ActivityFeed({ groups, nameOf, onJump }: ActivityFeedProps) {
  if (groups.length === 0) return <p className="hint">No activity yet.</p>;
  return (
    <ol className="activity" data-testid="activity" aria-label="Activity">
      {groups.map((group) => (
        <li key={group.key} className="activity-group" data-user={group.userId} data-count={group.entries.length}>
          <button type="button" className="activity-line" onClick={() => onJump(group.entries[0]!)}>
            <strong>{nameOf(group.userId)}</strong> {group.summary}
            <time dateTime={new Date(group.to).toISOString()}> · {formatTime(group.to)}</time>
          </button>
          {group.entries.length > 1 && (
            <details>
              <summary>{group.entries.length} changes</summary>
              <ul>
                {group.entries.map((entry) => (
                  <li key={entry.key}>
                    <button
                      type="button"
                      className="activity-entry"
                      data-type={entry.type}
                      onClick={() => onJump(entry)}
                    >
                      {entryText(entry, nameOf)}{' '}
                      <time dateTime={new Date(entry.at).toISOString()}>{formatTime(entry.at)}</time>
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {group.entries.length === 1 && (
            <span className="activity-detail">{entryText(group.entries[0]!, nameOf)}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
