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
export function transformCursor(position: number, delta: readonly TextDelta[]): number {
  let index = 0; // position in the text before the change
  let result = position;
  for (const op of delta) {
    if (index >= position) break;
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.delete !== undefined) {
      result -= Math.min(op.delete, position - index);
      index += op.delete;
    } else if (op.insert !== undefined) {
      result += typeof op.insert === 'string' ? op.insert.length : 1;
    }
  }
  return Math.max(0, result);
}
