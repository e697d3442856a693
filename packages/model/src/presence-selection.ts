import * as Y from 'yjs';
import { fieldText, getTextField, xmlTextRuns } from './text-field.js';
import { ModelError } from './model-error.js';
import type { RelativePositionJSON } from './anchor-types.js';
import type { PresenceSelection } from './presence.js';

const toJSON = (type: Y.AbstractType<any>, index: number): RelativePositionJSON =>
  Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(type, index)) as RelativePositionJSON;

/** A caret at a flat offset of a fragment: inside the text node holding the next character (or the end of the last one). */
const fragmentPosition = (fragment: Y.XmlFragment, offset: number): RelativePositionJSON => {
  const runs = xmlTextRuns(fragment);
  const run = runs.find((r) => offset < r.offset + r.text.length) ?? runs[runs.length - 1];
  return run === undefined ? toJSON(fragment, 0) : toJSON(run.text, offset - run.offset);
};

/**
 * A selection in the root `field` (anchor and head as character offsets) as relative positions. `field`
 * may be a Y.Text or a Y.XmlFragment (flat offsets over its text nodes, as in text anchors).
 */
export const encodeSelection = (doc: Y.Doc, field: string, anchor: number, head: number): PresenceSelection => {
  const { type } = getTextField(doc, field);
  const length = type instanceof Y.Text ? type.length : fieldText(type).length;
  for (const index of [anchor, head]) {
    if (!Number.isInteger(index) || index < 0 || index > length) {
      throw new ModelError('invalid_range', `selection offset ${index} is outside ${field}`, { index });
    }
  }
  const rel = (index: number): RelativePositionJSON =>
    type instanceof Y.Text ? toJSON(type, index) : fragmentPosition(type, index);
  return { field, anchor: rel(anchor), head: rel(head) };
};

/** Current offsets of a selection, or null when its positions cannot be placed in this doc (yet). */
export const decodeSelection = (doc: Y.Doc, selection: PresenceSelection): { anchor: number; head: number } | null => {
  const { type } = getTextField(doc, selection.field);
  const place = (json: RelativePositionJSON): number | null => {
    const abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
    if (abs === null) return null;
    if (type instanceof Y.Text) return abs.type === type ? abs.index : null;
    if (abs.type === type) return abs.index === 0 ? 0 : null;
    const run = xmlTextRuns(type).find((r) => r.text === abs.type);
    return run === undefined ? null : run.offset + abs.index;
  };
  const anchor = place(selection.anchor);
  const head = place(selection.head);
  return anchor === null || head === null ? null : { anchor, head };
};
