import { useEffect, useRef, type ReactNode } from 'react';
import type { HighlightView } from '../view-types.js';
import { Swatches } from './swatches.js';

interface HighlightDockProps {
  readonly highlight: HighlightView;
  readonly quote: string;
  readonly colors: readonly string[];
  readonly onRecolor: (color: string) => void;
  readonly onRemove: () => void;
  readonly onAddNote: () => void;
  readonly onClose: () => void;
  /** The note editor, when the highlight has a note. */
  readonly children?: ReactNode;
}

/** The open highlight: recolour, remove, and its note. Escape closes it. */
export function HighlightDock(props: HighlightDockProps) {
  const { highlight, quote, colors, onRecolor, onRemove, onAddNote, onClose, children } = props;
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!region.current?.contains(document.activeElement)) region.current?.focus();
  }, [highlight.id]);
  return (
    <div
      className="tool-dock highlight-dock"
      role="region"
      aria-label="Highlight"
      tabIndex={-1}
      ref={region}
      data-testid="highlight-dock"
      data-highlight-id={highlight.id}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="dock-row">
        <span className="hint">
          “{quote.length > 60 ? `${quote.slice(0, 57)}…` : quote}” · by {highlight.createdBy}
        </span>
      </div>
      <div className="dock-row">
        <Swatches
          colors={colors}
          label="Highlight colour"
          verb="Recolour"
          current={highlight.color}
          onPick={onRecolor}
        />
        {highlight.noteId === undefined && (
          <button type="button" className="button" onClick={onAddNote}>
            Add note
          </button>
        )}
        <button type="button" className="button danger" onClick={onRemove}>
          Remove highlight
        </button>
        <button type="button" className="button" onClick={onClose} aria-label="Close highlight">
          Close
        </button>
      </div>
      {children}
    </div>
  );
}
