import * as Y from 'yjs';
import { fieldText, getTextField, xmlTextRuns } from './text-field.js';
import type { RelativePositionJSON, ResolvedAnchor, StoredAnchor, StoredTextAnchor } from './anchor-types.js';

type Place = number | 'missing_text' | 'removed';

const place = (doc: Y.Doc, root: Y.Text | Y.XmlFragment, json: RelativePositionJSON): Place => {
  const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
  if (abs === null) {
    // Either the characters have not arrived yet, or they were deleted and garbage-collected with their container.
    const item = json.item;
    return item !== undefined && Y.getState(doc.store, item.client) > item.clock ? 'removed' : 'missing_text';
  }
  if (root instanceof Y.Text) return abs.type === root ? abs.index : 'removed';
  const run = xmlTextRuns(root).find((r) => r.text === abs.type);
  return run === undefined ? 'removed' : run.offset + abs.index;
};

const resolveText = (doc: Y.Doc, anchor: StoredTextAnchor): ResolvedAnchor => {
  const { field } = anchor;
  if (!doc.share.has(field)) return { kind: 'text', status: 'orphaned', field, reason: 'missing_field' };
  const { type } = getTextField(doc, field, anchor.fieldType);
  const start = place(doc, type, anchor.start);
  const end = place(doc, type, anchor.end);
  if (typeof start !== 'number') return { kind: 'text', status: 'orphaned', field, reason: start };
  if (typeof end !== 'number') return { kind: 'text', status: 'orphaned', field, reason: end };
  if (end <= start) return { kind: 'text', status: 'collapsed', field, at: Math.min(start, end) };
  return { kind: 'text', status: 'ok', field, start, end, text: fieldText(type).slice(start, end) };
};

/**
 * Where a stored anchor points now. `ok`: the covered characters that still exist (inserts inside grow the
 * range, deletes inside shrink it); `collapsed`: every covered character was deleted; `orphaned`: the field
 * does not exist, its characters have not arrived yet, or the node holding an end was removed.
 */
export const resolveAnchor = (doc: Y.Doc, anchor: StoredAnchor): ResolvedAnchor =>
  anchor.kind === 'ref' ? { ...anchor, status: 'ok' } : resolveText(doc, anchor);
