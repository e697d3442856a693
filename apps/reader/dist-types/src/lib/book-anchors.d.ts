import type { Highlight } from '@marginalia/model';
import type { Passage } from '../text/book.js';
/** A highlight's place in the book, when its anchor is a ref anchor to a passage this app knows. */
export declare function passageRangeOf(highlight: Highlight, passages: ReadonlyMap<string, Passage>): {
    passageId: string;
    start: number;
    end: number;
} | null;
