import * as Y from 'yjs';
import { ModelError } from './model-error.js';
import { fieldText, getTextField, xmlTextRuns } from './text-field.js';
import type {
  AnchorInput,
  MarkAnchorInput,
  RefAnchor,
  RelativePositionJSON,
  StoredAnchor,
  TextAnchorInput,
} from './anchor-types.js';

const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

const invalidRange = (message: string, details: Record<string, unknown>): ModelError =>
  new ModelError('invalid_range', message, details);

const checkRef = (input: RefAnchor): RefAnchor => {
  if (typeof input.ref !== 'string' || input.ref.length === 0)
    throw new ModelError('invalid_anchor', 'a ref anchor needs a non-empty ref');
  const { start, end } = input;
  if (start !== undefined && !isIndex(start)) throw invalidRange('start must be a non-negative integer', { start });
  if (end !== undefined && !isIndex(end)) throw invalidRange('end must be a non-negative integer', { end });
  if (start !== undefined && end !== undefined && start > end)
    throw invalidRange(`start ${start} is after end ${end}`, { start, end });
  return {
    kind: 'ref',
    ref: input.ref,
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
  };
};

const relative = (type: Y.AbstractType<any>, index: number, assoc: number): RelativePositionJSON =>
  Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(type, index, assoc)) as RelativePositionJSON;

/** Relative position at a flat offset of a fragment: inside the text node holding that character. */
const xmlRelative = (fragment: Y.XmlFragment, offset: number, assoc: number): RelativePositionJSON => {
  const runs = xmlTextRuns(fragment);
  const run = runs.find((r) =>
    assoc >= 0 ? offset < r.offset + r.text.length : offset > r.offset && offset <= r.offset + r.text.length,
  );
  if (run === undefined) throw invalidRange(`offset ${offset} is outside the text of the fragment`, { offset });
  return relative(run.text, offset - run.offset, assoc);
};

const checkRange = (type: Y.Text | Y.XmlFragment, input: TextAnchorInput | MarkAnchorInput): void => {
  const { start, end } = input;
  if (!isIndex(start) || !isIndex(end))
    throw invalidRange('start and end must be non-negative integers', { start, end });
  if (start > end) throw invalidRange(`start ${start} is after end ${end}`, { start, end });
  if (start === end) throw invalidRange(`a ${input.kind} anchor must cover at least one character`, { start, end });
  const length = type instanceof Y.Text ? type.length : fieldText(type).length;
  if (end > length)
    throw invalidRange(`end ${end} is past the end of ${input.field} (length ${length})`, { start, end, length });
};

const checkField = (input: { kind: string; field?: unknown }): void => {
  if (typeof input.field !== 'string' || input.field.length === 0)
    throw new ModelError('invalid_anchor', `a ${input.kind} anchor needs a field name`);
};

const encodeText = (doc: Y.Doc, input: TextAnchorInput): StoredAnchor => {
  checkField(input);
  const { start, end } = input;
  const { type, fieldType } = getTextField(doc, input.field, input.fieldType);
  checkRange(type, input);
  // start sticks to the first covered character (assoc 0), end to the last one (assoc -1): typing at either
  // edge stays outside the highlight, typing inside grows it.
  const [startPos, endPos] =
    type instanceof Y.Text
      ? [relative(type, start, 0), relative(type, end, -1)]
      : [xmlRelative(type, start, 0), xmlRelative(type, end, -1)];
  return { kind: 'text', field: input.field, fieldType, start: startPos, end: endPos };
};

const encodeMark = (doc: Y.Doc, input: MarkAnchorInput, id: string | undefined): StoredAnchor => {
  checkField(input);
  if (id === undefined) throw new ModelError('invalid_anchor', 'a mark anchor is encoded for a highlight id');
  const { type } = getTextField(doc, input.field, 'xml');
  checkRange(type, input);
  return { kind: 'mark', field: input.field, id, at: xmlRelative(type as Y.XmlFragment, input.start, 0) };
};

/**
 * Validates an anchor and turns text offsets into relative positions of `doc`. Throws ModelError.
 * A mark anchor needs the id of its highlight (the mark itself is written by `highlights.create`).
 */
export const encodeAnchor = (doc: Y.Doc, input: AnchorInput, highlightId?: string): StoredAnchor => {
  if (input === null || typeof input !== 'object') throw new ModelError('invalid_anchor', 'anchor must be an object');
  if (input.kind === 'ref') return checkRef(input);
  if (input.kind === 'text') return encodeText(doc, input);
  if (input.kind === 'mark') return encodeMark(doc, input, highlightId);
  throw new ModelError('invalid_anchor', `unknown anchor kind ${JSON.stringify((input as { kind?: unknown }).kind)}`);
};
