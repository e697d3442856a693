import { useEffect, useRef } from 'react';
import type { HighlightView } from '../view-types.js';

interface OverlapChooserProps {
  readonly highlights: readonly HighlightView[];
  readonly quoteOf: (highlight: HighlightView) => string;
  /** Where the clicked mark is (viewport coordinates). */
  readonly at: { readonly left: number; readonly top: number; readonly bottom: number };
  readonly onPick: (id: string) => void;
  readonly onClose: () => void;
}

/** Several highlights under one click: pick which one to open. Escape or a click outside closes it. */
export function OverlapChooser({ highlights, quoteOf, at, onPick, onClose }: OverlapChooserProps) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector('button')?.focus();
    const onDown = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [onClose]);
  const top =
    at.bottom + 6 + 200 > window.innerHeight ? Math.max(8, at.top - 6 - 40 * highlights.length - 40) : at.bottom + 6;
  return (
    <div
      className="overlap-chooser"
      role="dialog"
      aria-label={`${highlights.length} highlights here`}
      data-testid="overlap-chooser"
      ref={menu}
      style={{ left: Math.max(8, Math.min(at.left, window.innerWidth - 288)), top }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <p className="hint">{highlights.length} highlights here</p>
      {highlights.map((h) => (
        <button
          key={h.id}
          type="button"
          className={`item ${h.color}`}
          data-highlight-id={h.id}
          onClick={() => onPick(h.id)}
        >
          <span className="quote">{quoteOf(h)}</span>
          <span className="meta">
            {h.color} · by {h.createdBy}
            {h.noteId !== undefined && ' · has a note'}
          </span>
        </button>
      ))}
    </div>
  );
}
