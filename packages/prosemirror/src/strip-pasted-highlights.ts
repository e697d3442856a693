import { Fragment, Slice, type Node } from 'prosemirror-model';
import { HIGHLIGHT_MARK } from './highlight-mark-spec.js';

const stripFragment = (fragment: Fragment, keep: (id: string) => boolean): Fragment => {
  const nodes: Node[] = [];
  fragment.forEach((node) => {
    if (node.isText)
      nodes.push(node.mark(node.marks.filter((m) => m.type.name !== HIGHLIGHT_MARK || keep(String(m.attrs.id)))));
    else nodes.push(node.copy(stripFragment(node.content, keep)));
  });
  return Fragment.from(nodes);
};

/**
 * A pasted slice without the marks of highlights that are still in the document: a copy of highlighted
 * words is not the highlight. Marks of highlights no longer in the document stay (a cut and paste moves it).
 */
export const stripPastedHighlights = (slice: Slice, stillThere: (id: string) => boolean): Slice =>
  new Slice(
    stripFragment(slice.content, (id) => !stillThere(id)),
    slice.openStart,
    slice.openEnd,
  );
