/** One entry of a Y.Text delta (the shape of `YTextEvent.delta`). */
export interface TextDelta {
    readonly insert?: unknown;
    readonly delete?: number;
    readonly retain?: number;
}
/**
 * Moves a caret position through a remote change so that it stays next to the same character:
 * text inserted before it pushes it right, text deleted before it pulls it left. Text inserted
 * exactly at the caret stays after it, so the local user keeps typing where they were.
 */
export declare function transformCursor(position: number, delta: readonly TextDelta[]): number;
