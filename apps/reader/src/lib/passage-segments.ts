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
export function passageSegments(length: number, marks: readonly RangeMark[]): Segment[] {
  const valid = marks
    .map((mark) => ({ id: mark.id, start: clamp(mark.start, length), end: clamp(mark.end, length) }))
    .filter((mark) => mark.end > mark.start);
  const cuts = new Set<number>([0, length]);
  for (const mark of valid) {
    cuts.add(mark.start);
    cuts.add(mark.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = valid.filter((mark) => mark.start <= start && mark.end >= end).map((mark) => mark.id);
    segments.push({ start, end, marks: covering });
  }
  return segments;
}

function clamp(value: number, length: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.max(0, Math.min(length, Math.trunc(value)));
}
