import * as Y from 'yjs';

/**
 * A Y.Doc that hands back the real V1 update each change produces, for tests of stores and
 * transports. Changes go to the map `entries` and the text `text`.
 */
export interface UpdateSource {
  readonly doc: Y.Doc;
  /** Sets `entries[key] = value` and returns the update that change produced. */
  set(key: string, value: string | number): Uint8Array;
  /** Appends `text` to the text `text` and returns the update that change produced. */
  insertText(text: string): Uint8Array;
  destroy(): void;
}

export function createUpdateSource(): UpdateSource {
  const doc = new Y.Doc();
  let last: Uint8Array | undefined;
  doc.on('update', (update: Uint8Array) => {
    last = update;
  });
  const capture = (change: () => void): Uint8Array => {
    last = undefined;
    doc.transact(change);
    if (last === undefined) throw new Error('the change produced no update');
    return last;
  };
  return {
    doc,
    set: (key, value) => capture(() => doc.getMap('entries').set(key, value)),
    insertText: (text) => capture(() => doc.getText('text').insert(doc.getText('text').length, text)),
    destroy: () => doc.destroy(),
  };
}

/** A fresh Y.Doc with every update applied, in the order given. */
export function docFromUpdates(updates: Iterable<Uint8Array>): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/** What a test compares between two docs: the map, the text and the state vector. */
export function docContent(doc: Y.Doc): { entries: unknown; text: string; stateVector: number[] } {
  return {
    entries: doc.getMap('entries').toJSON(),
    text: doc.getText('text').toString(),
    stateVector: Array.from(Y.encodeStateVector(doc)),
  };
}
