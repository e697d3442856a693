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
  readonly onOpenHighlight: (id: string) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLParagraphElement>, passage: Passage) => void;
}

/** One paragraph with its highlights drawn as marks (the newest on top) and who is reading it. */
export const PassageView = memo(function PassageView(props: PassageViewProps) {
  const { passage, highlights, readers, selectedHighlightId, onOpenHighlight, onKeyDown } = props;
  const byId = new Map(highlights.map((h) => [h.id, h]));
  const segments = passageSegments(passage.text.length, highlights);
  const seen = new Set<string>();
  const open = (event: MouseEvent, id: string) => {
    if (document.getSelection()?.isCollapsed === false) return; // the click ended a text selection
    event.stopPropagation();
    onOpenHighlight(id);
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
          const top = byId.get(topId)!;
          const first = !seen.has(topId);
          seen.add(topId);
          const classes = ['hl', `hl-${top.color}`, top.noteId ? 'has-note' : '', topId === selectedHighlightId ? 'selected' : ''];
          return (
            <mark
              key={segment.start}
              className={classes.filter(Boolean).join(' ')}
              data-highlight-id={topId}
              data-color={top.color}
              data-unread={top.unread || undefined}
              role="button"
              tabIndex={first ? 0 : -1}
              aria-label={first ? `${passage.text.slice(top.start, top.end)} (${describe(top)})` : undefined}
              title={describe(top)}
              onClick={(event) => open(event, topId)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  event.stopPropagation();
                  onOpenHighlight(topId);
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

function describe(highlight: HighlightView): string {
  const parts = [`${highlight.color} highlight by ${highlight.createdBy}`];
  if (highlight.noteId) parts.push('has a note');
  if (highlight.unread) parts.push('new');
  return parts.join(', ');
}
