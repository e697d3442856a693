import { describe, expect, it } from 'vitest';
import { nextWordEnd, previousWordStart } from './word-steps.js';

describe('word steps', () => {
  const text = 'Down, down,  down. Would';
  it('moves to the end of the next word, skipping spaces', () => {
    expect(nextWordEnd(text, 0)).toBe(5);
    expect(nextWordEnd(text, 5)).toBe(11);
    expect(nextWordEnd(text, 11)).toBe(18);
    expect(nextWordEnd(text, text.length)).toBe(text.length);
  });
  it('moves to the start of the previous word', () => {
    expect(previousWordStart(text, text.length)).toBe(19);
    expect(previousWordStart(text, 19)).toBe(13);
    expect(previousWordStart(text, 3)).toBe(0);
    expect(previousWordStart(text, 0)).toBe(0);
  });
});
