import type * as Y from 'yjs';
import type { RelayMetrics } from './relay-metrics.js';

/** What HTTP reads of one loaded document share: each view encoded once per document version. */
export interface ReadCache {
  /**
   * The value of `view` for the document as it is now: computed by `encode` once per version.
   * With a `key` (e.g. the state vector of a diff), one value per view and key, at most
   * MAX_KEYED_VALUES of them per version: past that, keyed values are computed and not kept.
   */
  get<T>(view: string, encode: (doc: Y.Doc) => T, key?: string): T;
  close(): void;
}

/** Keyed values (diffs against distinct state vectors) kept per document version. */
export const MAX_KEYED_VALUES = 16;

/**
 * A document's version changes with every change it integrates (its `update` event), which also
 * drops every cached view at once (their memory is not held for a version nobody reads). Counted
 * in `marginalia_doc_reads_total{view, cache}` (`hit` or `miss`: a miss is one encoding).
 */
export function createReadCache(doc: Y.Doc, metrics: RelayMetrics): ReadCache {
  const views = new Map<string, unknown>();
  let keyed = 0;
  const changed = (): void => {
    views.clear();
    keyed = 0;
  };
  doc.on('update', changed);
  return {
    get<T>(view: string, encode: (doc: Y.Doc) => T, key?: string): T {
      const entry = key === undefined ? view : `${view}\u0000${key}`;
      if (views.has(entry)) {
        metrics.docReads.inc({ view, cache: 'hit' });
        return views.get(entry) as T;
      }
      metrics.docReads.inc({ view, cache: 'miss' });
      const value = encode(doc);
      if (key === undefined) views.set(entry, value);
      else if (keyed < MAX_KEYED_VALUES) {
        keyed += 1;
        views.set(entry, value);
      }
      return value;
    },
    close() {
      doc.off('update', changed);
      views.clear();
    },
  };
}
