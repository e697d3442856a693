import type { PassageRange } from '../lib/selection-offsets.js';
interface SelectionDockProps {
    readonly ranges: readonly PassageRange[];
    readonly colors: readonly string[];
    readonly onHighlight: (color: string) => void;
    readonly onCancel: () => void;
}
/** Shown while words are selected: pick a colour to highlight them. */
export declare function SelectionDock({ ranges, colors, onHighlight, onCancel }: SelectionDockProps): import("react").JSX.Element;
export {};
