/** The caret position after moving one word right from `position` in `text`. */
export declare function nextWordEnd(text: string, position: number): number;
/** The caret position after moving one word left from `position` in `text`. */
export declare function previousWordStart(text: string, position: number): number;
