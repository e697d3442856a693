import * as Y from 'yjs';
import { existingFragment, fieldText, getTextField, xmlTextRuns } from './text-field.js';
import { markedRanges } from './highlight-mark.js';
import type {
  RelativePositionJSON,
  ResolvedAnchor,
  StoredAnchor,
  StoredMarkAnchor,
  StoredTextAnchor,
} from './anchor-types.js';

type Place = number | 'missing_text' | 'removed';

const place = (doc: Y.Doc, root: Y.Text | Y.XmlFragment, json: RelativePositionJSON): Place => {
  // Not following undone deletions: Yjs' `redone` links exist only on the replica that undid, and an anchor
  // must resolve the same on every replica (https://github.com/yjs/yjs/issues/638).
  const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc, false);
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

const resolveMark = (doc: Y.Doc, anchor: StoredMarkAnchor): ResolvedAnchor => {
  const { field } = anchor;
  const fragment = existingFragment(doc, field);
  if (fragment === undefined) return { kind: 'mark', status: 'orphaned', field, reason: 'missing_field' };
  const ranges = markedRanges(fragment, anchor.id);
  const first = ranges[0];
  const last = ranges[ranges.length - 1];
  if (first !== undefined && last !== undefined) {
    return {
      kind: 'mark',
      status: 'ok',
      field,
      start: first.start,
      end: last.end,
      text: ranges.map((r) => r.text).join(''),
      ranges,
    };
  }
  const at = place(doc, fragment, anchor.at);
  return typeof at === 'number'
    ? { kind: 'mark', status: 'collapsed', field, at }
    : { kind: 'mark', status: 'orphaned', field, reason: at };
};

/**
 * Where a stored anchor points now. `ok`: the covered characters that still exist (inserts inside grow the
 * range, deletes inside shrink it); `collapsed`: every covered character was deleted; `orphaned`: the field
 * does not exist, its characters have not arrived yet, or the node holding an end was removed.
 * A mark anchor is `ok` while any character carries its mark (wherever edits moved them),
 * `collapsed` when none does, and `orphaned` when the field is gone or `at` cannot be placed.
 */
export const resolveAnchor = (doc: Y.Doc, anchor: StoredAnchor): ResolvedAnchor => {
  if (anchor.kind === 'ref') return { ...anchor, status: 'ok' };
  return anchor.kind === 'mark' ? resolveMark(doc, anchor) : resolveText(doc, anchor);
};
