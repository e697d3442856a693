/** The caret position after moving one word right from `position` in `text`. */
export function nextWordEnd(text: string, position: number): number {
  let i = position;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  while (i < text.length && !/\s/.test(text[i]!)) i++;
  return i;
}

/** The caret position after moving one word left from `position` in `text`. */
export function previousWordStart(text: string, position: number): number {
  let i = position;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}
