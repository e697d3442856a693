import { describe, expect, it } from 'vitest';
import { passageSegments } from './passage-segments.js';

describe('passageSegments', () => {
  it('returns the whole text as one plain segment without highlights', () => {
    expect(passageSegments(10, [])).toEqual([{ start: 0, end: 10, marks: [] }]);
  });

  it('splits at the boundaries of overlapping highlights, keeping input order', () => {
    const segments = passageSegments(10, [
      { id: 'a', start: 2, end: 6 },
      { id: 'b', start: 4, end: 8 },
    ]);
    expect(segments).toEqual([
      { start: 0, end: 2, marks: [] },
      { start: 2, end: 4, marks: ['a'] },
      { start: 4, end: 6, marks: ['a', 'b'] },
      { start: 6, end: 8, marks: ['b'] },
      { start: 8, end: 10, marks: [] },
    ]);
  });

  it('clamps ranges to the text and drops empty ones', () => {
    const segments = passageSegments(5, [
      { id: 'a', start: -3, end: 2 },
      { id: 'b', start: 4, end: 40 },
      { id: 'c', start: 3, end: 3 },
      { id: 'd', start: 4, end: 1 },
    ]);
    expect(segments).toEqual([
      { start: 0, end: 2, marks: ['a'] },
      { start: 2, end: 4, marks: [] },
      { start: 4, end: 5, marks: ['b'] },
    ]);
  });
});
