/** A selected range of one passage, in characters of the passage text. */
export interface PassageRange {
  readonly passageId: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const PASSAGE_SELECTOR = '[data-passage-id]';

/** Characters of `root`'s text before the DOM point (node, offset). */
export function textOffset(root: Node, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The parts of a DOM selection that fall inside passages under `container`, one range per
 * passage touched, trimmed of surrounding white space. Empty when nothing readable is selected.
 */
export function selectionToRanges(selection: Selection | null, container: Element): PassageRange[] {
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) return [];
  const range = selection.getRangeAt(0);
  const ranges: PassageRange[] = [];
  for (const element of container.querySelectorAll<HTMLElement>(PASSAGE_SELECTOR)) {
    if (!range.intersectsNode(element)) continue;
    const full = element.textContent ?? '';
    let start = element.contains(range.startContainer)
      ? textOffset(element, range.startContainer, range.startOffset)
      : 0;
    let end = element.contains(range.endContainer)
      ? textOffset(element, range.endContainer, range.endOffset)
      : full.length;
    while (start < end && /\s/.test(full[start]!)) start++;
    while (end > start && /\s/.test(full[end - 1]!)) end--;
    if (end > start) ranges.push({ passageId: element.dataset.passageId!, start, end, text: full.slice(start, end) });
  }
  return ranges;
}

/** The DOM point at character `offset` of `root`'s text. */
export function domPoint(root: Node, offset: number): { node: Node; offset: number } {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let remaining = offset;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node !== null; node = walker.nextNode() as Text | null) {
    if (remaining <= node.length) return { node, offset: remaining };
    remaining -= node.length;
    last = node;
  }
  return last === null ? { node: root, offset: 0 } : { node: last, offset: last.length };
}

/** Selects characters `[start, end)` of `root` in the document selection (for keyboard selection). */
export function selectText(root: Node, anchor: number, focus: number): void {
  const selection = document.getSelection();
  if (selection === null) return;
  const a = domPoint(root, anchor);
  const f = domPoint(root, focus);
  selection.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
}
