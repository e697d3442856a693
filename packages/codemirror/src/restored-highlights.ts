import * as Y from 'yjs';
import type { Model, RelativePositionJSON } from '@marginalia/model';

/** Where a relative position points when it follows this replica's undo links (`redone`), or null when it is not in `text`. */
const followed = (doc: Y.Doc, text: Y.Text, json: RelativePositionJSON): number | null => {
  const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc, true);
  return abs !== null && abs.type === text ? abs.index : null;
};

/**
 * After this user's undo or redo: the text highlights of `field` whose words it brought back are re-anchored on
 * them. Yjs restores deleted characters as new items, which a relative position reaches only through the `redone`
 * links of the replica that undid; the model resolves anchors without those links so that every replica agrees
 * (decision 0006). The undoing replica alone knows where the words came back, so it writes those places into the
 * records: an ordinary update that every replica, and every reload, reads the same.
 */
export const reanchorRestoredHighlights = (doc: Y.Doc, model: Model, field: string): void => {
  const text = doc.getText(field);
  for (const highlight of model.highlights.list()) {
    const { anchor } = highlight;
    if (anchor.kind !== 'text' || anchor.field !== field) continue;
    const start = followed(doc, text, anchor.start);
    const end = followed(doc, text, anchor.end);
    if (start === null || end === null || end <= start) continue;
    const now = model.highlights.resolve(highlight.id);
    if (now.kind === 'text' && now.status === 'ok' && now.start === start && now.end === end) continue;
    model.highlights.update(highlight.id, { anchor: { kind: 'text', field, start, end } });
  }
};
