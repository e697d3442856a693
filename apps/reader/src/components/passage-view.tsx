import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { passageSegments } from '../lib/passage-segments.js';
import type { Passage } from '../text/book.js';
import type { HighlightView, PeerView } from '../view-types.js';
import { Avatar } from './presence-bar.js';

interface PassageViewProps {
  readonly passage: Passage;
  readonly highlights: readonly HighlightView[];
  readonly readers: readonly PeerView[];
  readonly selectedHighlightId: string | null;
  /** A mark was clicked or pressed: the ids of every highlight under it (creation order), and the mark. */
  readonly onOpenMarks: (ids: readonly string[], mark: HTMLElement) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLParagraphElement>, passage: Passage) => void;
}

/** One paragraph with its highlights drawn as marks (overlaps as stripes of every colour) and who is reading it. */
export const PassageView = memo(function PassageView(props: PassageViewProps) {
  const { passage, highlights, readers, selectedHighlightId, onOpenMarks, onKeyDown } = props;
  const byId = new Map(highlights.map((h) => [h.id, h]));
  const segments = passageSegments(passage.text.length, highlights);
  const seen = new Set<string>();
  const open = (event: MouseEvent<HTMLElement>, ids: readonly string[]) => {
    if (document.getSelection()?.isCollapsed === false) return; // the click ended a text selection
    event.stopPropagation();
    onOpenMarks(ids, event.currentTarget);
  };
  return (
    <div className="passage" id={`p-${passage.id}`} data-passage-section={passage.id}>
      {readers.length > 0 && (
        <div className="passage-readers" aria-label={`Reading here: ${readers.map((r) => r.name).join(', ')}`}>
          {readers.map((peer) => (
            <Avatar key={peer.key} peer={peer} small />
          ))}
        </div>
      )}
      <p
        className="passage-text"
        data-passage-id={passage.id}
        tabIndex={0}
        aria-describedby="keyboard-help"
        onKeyDown={(event) => onKeyDown(event, passage)}
      >
        {segments.map((segment) => {
          const text = passage.text.slice(segment.start, segment.end);
          const topId = segment.marks[segment.marks.length - 1];
          if (topId === undefined) return <span key={segment.start}>{text}</span>;
          const under = segment.marks.map((id) => byId.get(id)!);
          const top = under[under.length - 1]!;
          const first = under.some((h) => !seen.has(h.id));
          for (const h of under) seen.add(h.id);
          const overlap = under.length > 1;
          const classes = [
            'hl',
            `hl-${top.color}`,
            under.some((h) => h.noteId) ? 'has-note' : '',
            overlap ? 'overlap' : '',
            segment.marks.includes(selectedHighlightId ?? '') ? 'selected' : '',
          ];
          const label = overlap
            ? `${under.length} highlights: ${under.map((h) => describe(h)).join('; ')}`
            : describe(top);
          return (
            <mark
              key={segment.start}
              className={classes.filter(Boolean).join(' ')}
              style={overlap ? { backgroundImage: stripes(under.map((h) => h.color)) } : undefined}
              data-highlight-id={topId}
              data-highlight-ids={segment.marks.join(' ')}
              data-overlap={overlap ? under.length : undefined}
              data-color={top.color}
              data-unread={under.some((h) => h.unread) || undefined}
              role="button"
              tabIndex={first ? 0 : -1}
              aria-label={first ? `${text} (${label})` : undefined}
              title={label}
              onClick={(event) => open(event, segment.marks)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  event.stopPropagation();
                  onOpenMarks(segment.marks, event.currentTarget);
                }
              }}
            >
              {text}
            </mark>
          );
        })}
      </p>
    </div>
  );
});

/** Diagonal stripes, one colour per highlight (oldest first), so every person's colour shows on overlapping words. */
function stripes(colors: readonly string[]): string {
  const w = 6;
  return `repeating-linear-gradient(135deg, ${colors.map((c, i) => `var(--hl-${c}) ${i * w}px ${(i + 1) * w}px`).join(', ')})`;
}

function describe(highlight: HighlightView): string {
  const parts = [`${highlight.color} highlight by ${highlight.createdBy}`];
  if (highlight.noteId) parts.push('has a note');
  if (highlight.unread) parts.push('new');
  return parts.join(', ');
}
