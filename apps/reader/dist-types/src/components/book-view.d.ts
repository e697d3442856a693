import { type PassageRange } from '../lib/selection-offsets.js';
import type { Book } from '../text/book.js';
import type { HighlightView, PeerView } from '../view-types.js';
interface BookViewProps {
    readonly book: Book;
    readonly highlightsByPassage: ReadonlyMap<string, readonly HighlightView[]>;
    readonly readersByPassage: ReadonlyMap<string, readonly PeerView[]>;
    readonly selectedHighlightId: string | null;
    readonly onSelection: (ranges: PassageRange[]) => void;
    readonly onOpenHighlight: (id: string) => void;
    /** A digit key (1-based colour index) or Enter (0) pressed in a passage, with the selection at that moment. */
    readonly onHighlightKey: (colorIndex: number, ranges: PassageRange[]) => void;
    readonly onLocation: (passageId: string) => void;
}
/** The reading view: chapters of passages, mouse and keyboard selection, reading location. */
export declare function BookView(props: BookViewProps): import("react").JSX.Element;
export {};
