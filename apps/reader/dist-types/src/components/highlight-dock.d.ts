import { type ReactNode } from 'react';
import type { HighlightView } from '../view-types.js';
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
export declare function HighlightDock(props: HighlightDockProps): import("react").JSX.Element;
export {};
