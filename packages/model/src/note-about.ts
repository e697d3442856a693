import * as Y from 'yjs';
import { resolveAnchor } from './resolve-anchor.js';
import type { StoredAnchor } from './anchor-types.js';

/**
 * What a note is about, copied onto the note whenever it is linked to a highlight: the highlight's id, anchor
 * and the words it covered then. A note keeps it when its highlight is deleted (also by someone else, offline,
 * while this note was being written), so an orphaned note still shows the passage it was written on.
 */
export interface NoteAbout {
  readonly highlightId: string;
  readonly anchor: StoredAnchor;
  /** The covered words at link time, when known (text anchors: read from the doc; ref anchors: the highlight's `quote`). */
  readonly quote?: string;
}

const MAX_QUOTE = 2000;

/** Lone UTF-16 surrogates (a range may cut an emoji in two) become U+FFFD, as Yjs would encode them anyway. */
const wellFormed = (text: string): string =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** The words an anchor covers now (text anchors), else the caller's quote; cut to a sane length. */
export const quoteOf = (doc: Y.Doc, anchor: StoredAnchor, given?: string): string | undefined => {
  const resolved = resolveAnchor(doc, anchor);
  const text = resolved.kind !== 'ref' && resolved.status === 'ok' ? resolved.text : given;
  return typeof text === 'string' && text.length > 0 ? wellFormed(text.slice(0, MAX_QUOTE)) : undefined;
};

/** Validates a caller-given quote (undefined when absent). */
export const checkQuote = (quote: unknown): string | undefined =>
  typeof quote === 'string' && quote.length > 0 ? wellFormed(quote.slice(0, MAX_QUOTE)) : undefined;

export const readAbout = (value: unknown): NoteAbout | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const { highlightId, anchor, quote } = value as Record<string, unknown>;
  if (typeof highlightId !== 'string' || typeof anchor !== 'object' || anchor === null) return undefined;
  return { highlightId, anchor: anchor as StoredAnchor, ...(typeof quote === 'string' ? { quote } : {}) };
};

/** Copies the highlight's id, anchor and quote onto the note (in the caller's transaction). */
export const writeAbout = (doc: Y.Doc, note: Y.Map<unknown>, highlight: Y.Map<unknown>): void => {
  const storedAnchor = highlight.get('anchor');
  if (typeof storedAnchor !== 'object' || storedAnchor === null) return; // not a readable highlight (a buggy replica wrote it)
  // A plain-JSON copy: locally the stored anchor still holds Yjs ID objects, remotely it is plain data.
  const anchor = JSON.parse(JSON.stringify(storedAnchor)) as StoredAnchor;
  const stored = highlight.get('quote');
  const quote =
    quoteOf(doc, anchor, typeof stored === 'string' ? stored : undefined) ??
    (typeof stored === 'string' ? stored : undefined);
  const about: NoteAbout = {
    highlightId: String(highlight.get('id')),
    anchor,
    ...(quote !== undefined ? { quote } : {}),
  };
  const current = readAbout(note.get('about'));
  if (current !== undefined && JSON.stringify(current) === JSON.stringify(about)) return;
  note.set('about', about);
};

/** True when the value is a live (not deleted) Y.Map. */
export const isLiveMap = (value: unknown): value is Y.Map<unknown> =>
  value instanceof Y.Map && (value._item === null || !value._item.deleted);
