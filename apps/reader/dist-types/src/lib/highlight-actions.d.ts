import { type HighlightColor, type Model } from '@marginalia/model';
import type { HighlightView } from '../view-types.js';
import type { PassageRange } from './selection-offsets.js';
/** The colour for a digit key: 1 is the first of the palette; 0 (Enter) the first too. */
export declare function colorForKey(index: number): HighlightColor;
/** One highlight per passage of the selection (ref anchors); returns the id of the last one. */
export declare function highlightRanges(model: Model, ranges: readonly PassageRange[], color: HighlightColor): string | null;
/** Removes a highlight and the note written on it. */
export declare function removeHighlight(model: Model, highlight: HighlightView): void;
/** Where someone is, as presence shows it: "Chapter 1, paragraph 3". */
export declare function passageLabel(passageId: string): string;
