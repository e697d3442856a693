import type * as Y from 'yjs';
import type { RelayMetrics } from './relay-metrics.js';

/** What HTTP reads of one loaded document share: each view encoded once per document version. */
export interface ReadCache {
  /** The value of `view` for the document as it is now: computed by `encode` once per version. */
  get<T>(view: string, encode: (doc: Y.Doc) => T): T;
  close(): void;
}

/**
 * A document's version changes with every change it integrates (its `update` event), which also
 * drops every cached view at once (their memory is not held for a version nobody reads). Counted
 * in `marginalia_doc_reads_total{view, cache}` (`hit` or `miss`: a miss is one encoding).
 */
export function createReadCache(doc: Y.Doc, metrics: RelayMetrics): ReadCache {
  const views = new Map<string, unknown>();
  const changed = (): void => views.clear();
  doc.on('update', changed);
  return {
    get<T>(view: string, encode: (doc: Y.Doc) => T): T {
      if (views.has(view)) {
        metrics.docReads.inc({ view, cache: 'hit' });
        return views.get(view) as T;
      }
      metrics.docReads.inc({ view, cache: 'miss' });
      const value = encode(doc);
      views.set(view, value);
      return value;
    },
    close() {
      doc.off('update', changed);
      views.clear();
    },
  };
}
