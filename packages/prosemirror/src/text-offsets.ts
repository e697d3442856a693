import type { Node } from 'prosemirror-model';

/**
 * The flat text offset of a document position: how many characters of text nodes come before it. The
 * model counts the characters of a fragment's Y.XmlText nodes the same way (y-prosemirror writes each
 * run of text nodes as one Y.XmlText and every other node as an element).
 */
export const textOffsetAt = (doc: Node, pos: number): number => {
  let offset = 0;
  doc.nodesBetween(0, pos, (node, nodePos) => {
    if (node.isText) offset += Math.min(node.nodeSize, pos - nodePos);
    return true;
  });
  return offset;
};

/** The document position of a flat text offset (the position before that character), or null past the end. */
export const positionAtTextOffset = (doc: Node, offset: number): number | null => {
  let seen = 0;
  let found: number | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (!node.isText) return true;
    if (offset < seen + node.nodeSize || (offset === seen + node.nodeSize && offset > 0)) found = pos + (offset - seen);
    seen += node.nodeSize;
    return false;
  });
  return found;
};
