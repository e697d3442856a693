import * as Y from 'yjs';

/**
 * `Y.encodeStateAsUpdate` of what the document has integrated, without the structs and deletions Yjs
 * holds pending for missing dependencies (Yjs appends those to every full-state encoding). The relay
 * serves, stores and exports only integrated content: a client given pending content would hold it
 * pending too, send it back in every sync step 2 and never see that message acknowledged, and a
 * compaction would store what was never acknowledged.
 */
export function encodeIntegratedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const { pendingStructs, pendingDs } = doc.store;
  if (pendingStructs === null && pendingDs === null) return Y.encodeStateAsUpdate(doc, stateVector);
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    doc.store.pendingStructs = pendingStructs;
    doc.store.pendingDs = pendingDs;
  }
}
