import * as Y from 'yjs';
import { ModelError } from './model-error.js';
import type { TextFieldType } from './anchor-types.js';

/** The root type under `field`, created with the right constructor; throws when it already is something else. */
export const getTextField = (
  doc: Y.Doc,
  field: string,
  wanted?: TextFieldType,
): { type: Y.Text | Y.XmlFragment; fieldType: TextFieldType } => {
  const existing = doc.share.get(field);
  const fieldType: TextFieldType = wanted ?? (existing instanceof Y.XmlFragment ? 'xml' : 'text');
  try {
    return fieldType === 'xml'
      ? { type: doc.getXmlFragment(field), fieldType }
      : { type: doc.getText(field), fieldType };
  } catch (cause) {
    throw new ModelError(
      'unknown_field',
      `field ${JSON.stringify(field)} is not a ${fieldType === 'xml' ? 'Y.XmlFragment' : 'Y.Text'}`,
      {
        field,
        cause: String(cause),
      },
    );
  }
};

/** The live Y.XmlText nodes of a fragment in document order, with each one's offset in the flattened text. */
export const xmlTextRuns = (fragment: Y.XmlFragment): Array<{ text: Y.XmlText; offset: number }> => {
  const runs: Array<{ text: Y.XmlText; offset: number }> = [];
  let offset = 0;
  const visit = (node: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        runs.push({ text: child, offset });
        offset += child.length;
      } else if (child instanceof Y.XmlElement) {
        visit(child);
      }
    }
  };
  visit(fragment);
  return runs;
};

/** An embed inside a text node counts as one character of the flattened text (as in its `length`). */
export const EMBED_CHARACTER = '\uFFFC';

/**
 * The characters of a text node without markup. `Y.XmlText.toString()` renders formatting as tags
 * (`brown <bold>fox</bold>`), which is not text and shifts every offset after it.
 */
export const plainText = (text: Y.XmlText): string =>
  (text.toDelta() as Array<{ insert?: unknown }>)
    .map((op) => (typeof op.insert === 'string' ? op.insert : EMBED_CHARACTER))
    .join('');

/** The plain text of a field: a Y.Text's string, or a fragment's text nodes concatenated in document order. */
export const fieldText = (type: Y.Text | Y.XmlFragment): string =>
  type instanceof Y.Text
    ? type.toString()
    : xmlTextRuns(type)
        .map((run) => plainText(run.text))
        .join('');

/**
 * The fragment under `field` when the doc has that root and it is (or can become) a Y.XmlFragment;
 * undefined when there is no such root or it is another type. A root that arrived in an update is an
 * untyped placeholder until first asked for, so `instanceof` alone would miss it.
 */
export const existingFragment = (doc: Y.Doc, field: string): Y.XmlFragment | undefined => {
  if (!doc.share.has(field)) return undefined;
  const existing = doc.share.get(field);
  if (existing instanceof Y.XmlFragment) return existing;
  if (existing instanceof Y.Text || existing instanceof Y.Map || existing instanceof Y.Array) return undefined;
  return doc.getXmlFragment(field);
};
