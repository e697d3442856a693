/** The unit of work: one highlight, shaped like the Marginalia model's (`highlights` map of Y.Maps). */
import * as Y from 'yjs';

export const SENT_AT = 'sentAt';
/** The send time also travels as a string, so thin readers find it in the raw update bytes. */
const STAMP_OPEN = '|t=';

/** The send time carried by a frame holding one highlight update, without decoding it. */
export function readStamp(frame: Buffer): number | undefined {
  const at = frame.indexOf(STAMP_OPEN, 0, 'latin1');
  if (at < 0) return undefined;
  const end = frame.indexOf('|', at + STAMP_OPEN.length, 'latin1');
  return Number(frame.toString('latin1', at + STAMP_OPEN.length, end));
}

/** Adds one highlight in its own transaction; `sentAt`, if given, carries the send time for latency. */
export function addHighlight(doc: Y.Doc, id: string, sentAt?: number): void {
  doc.transact(() => {
    const highlight = new Y.Map<unknown>();
    highlight.set('id', id);
    highlight.set('anchor', { kind: 'ref', ref: `bench/${id}`, start: 0, end: 42 });
    highlight.set('color', 'yellow');
    highlight.set('createdBy', 'bench');
    highlight.set('createdAt', 1_700_000_000_000);
    if (sentAt !== undefined) {
      highlight.set(SENT_AT, sentAt);
      highlight.set('stamp', `${STAMP_OPEN}${sentAt}|`);
    }
    doc.getMap('highlights').set(id, highlight);
  });
}

export function highlightCount(doc: Y.Doc): number {
  return doc.getMap('highlights').size;
}

/** Calls `onHighlight(sentAt)` for every highlight that arrives from elsewhere. */
export function observeHighlights(doc: Y.Doc, onHighlight: (sentAt: number) => void): void {
  const highlights = doc.getMap<Y.Map<unknown>>('highlights');
  highlights.observe((event) => {
    if (event.transaction.local) return;
    for (const key of event.keysChanged) {
      const sentAt = highlights.get(key)?.get(SENT_AT);
      if (typeof sentAt === 'number') onHighlight(sentAt);
    }
  });
}

/** Resolves when the doc holds at least `count` highlights. */
export function whenHighlightCount(doc: Y.Doc, count: number): Promise<void> {
  const highlights = doc.getMap('highlights');
  if (highlights.size >= count) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (highlights.size < count) return;
      highlights.unobserve(check);
      resolve();
    };
    highlights.observe(check);
  });
}
