import { type KeyboardEvent } from 'react';
import type { Passage } from '../text/book.js';
import type { HighlightView, PeerView } from '../view-types.js';
interface PassageViewProps {
    readonly passage: Passage;
    readonly highlights: readonly HighlightView[];
    readonly readers: readonly PeerView[];
    readonly selectedHighlightId: string | null;
    readonly onOpenHighlight: (id: string) => void;
    readonly onKeyDown: (event: KeyboardEvent<HTMLParagraphElement>, passage: Passage) => void;
}
/** One paragraph with its highlights drawn as marks (the newest on top) and who is reading it. */
export declare const PassageView: import("react").NamedExoticComponent<PassageViewProps>;
export {};
