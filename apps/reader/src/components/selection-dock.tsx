import type { PassageRange } from '../lib/selection-offsets.js';
import { Swatches } from './swatches.js';

interface SelectionDockProps {
  readonly ranges: readonly PassageRange[];
  readonly colors: readonly string[];
  readonly onHighlight: (color: string) => void;
  readonly onCancel: () => void;
}

/** Shown while words are selected: pick a colour to highlight them. */
export function SelectionDock({ ranges, colors, onHighlight, onCancel }: SelectionDockProps) {
  const words = ranges.map((r) => r.text).join(' … ');
  const quote = words.length > 60 ? `${words.slice(0, 57)}…` : words;
  return (
    <div className="tool-dock" role="region" aria-label="Highlight the selection" data-testid="selection-dock">
      <span className="hint" aria-live="polite">
        “{quote}”
      </span>
      <Swatches colors={colors} label="Highlight colour" verb="Highlight" onPick={onHighlight} />
      <button type="button" className="button" onMouseDown={(e) => e.preventDefault()} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
