import * as Y from 'yjs';
import { getTextField } from './text-field.js';
import { ModelError } from './model-error.js';
import type { RelativePositionJSON } from './anchor-types.js';
import type { PresenceSelection } from './presence.js';

/** A selection in the Y.Text root `field` (anchor and head as character offsets) as relative positions. */
export const encodeSelection = (doc: Y.Doc, field: string, anchor: number, head: number): PresenceSelection => {
  const { type } = getTextField(doc, field, 'text');
  for (const index of [anchor, head]) {
    if (!Number.isInteger(index) || index < 0 || index > (type as Y.Text).length) {
      throw new ModelError('invalid_range', `selection offset ${index} is outside ${field}`, { index });
    }
  }
  const rel = (index: number): RelativePositionJSON =>
    Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(type, index)) as RelativePositionJSON;
  return { field, anchor: rel(anchor), head: rel(head) };
};

/** Current offsets of a selection, or null when its positions cannot be placed in this doc (yet). */
export const decodeSelection = (doc: Y.Doc, selection: PresenceSelection): { anchor: number; head: number } | null => {
  const { type } = getTextField(doc, selection.field, 'text');
  const place = (json: RelativePositionJSON): number | null => {
    const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
    return abs !== null && abs.type === type ? abs.index : null;
  };
  const anchor = place(selection.anchor);
  const head = place(selection.head);
  return anchor === null || head === null ? null : { anchor, head };
};
