/** A highlight reduced to what the passage renderer needs. */
export interface RangeMark {
    readonly id: string;
    readonly start: number;
    readonly end: number;
}
/** A run of the passage text covered by the same set of highlights (in the given order). */
export interface Segment {
    readonly start: number;
    readonly end: number;
    readonly marks: readonly string[];
}
/**
 * Splits `[0, length)` at every highlight boundary. Ranges are clamped to the text; empty and
 * inverted ranges are ignored. The order of `marks` in each segment follows the input order, so
 * the caller decides which overlapping highlight is drawn on top (the last one).
 */
export declare function passageSegments(length: number, marks: readonly RangeMark[]): Segment[];
