/** A selected range of one passage, in characters of the passage text. */
export interface PassageRange {
    readonly passageId: string;
    readonly start: number;
    readonly end: number;
    readonly text: string;
}
/** Characters of `root`'s text before the DOM point (node, offset). */
export declare function textOffset(root: Node, node: Node, offset: number): number;
/**
 * The parts of a DOM selection that fall inside passages under `container`, one range per
 * passage touched, trimmed of surrounding white space. Empty when nothing readable is selected.
 */
export declare function selectionToRanges(selection: Selection | null, container: Element): PassageRange[];
/** The DOM point at character `offset` of `root`'s text. */
export declare function domPoint(root: Node, offset: number): {
    node: Node;
    offset: number;
};
/** Selects characters `[start, end)` of `root` in the document selection (for keyboard selection). */
export declare function selectText(root: Node, anchor: number, focus: number): void;
