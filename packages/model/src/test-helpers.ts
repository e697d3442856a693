// Helpers for this package's tests only (not exported from index.ts).
import * as Y from 'yjs';
import { createModel, type Model, type ModelOptions } from './create-model.js';

/** A deterministic id factory (replicas get distinct prefixes, like random ids on distinct devices). */
export const createIdFactory = (prefix: string): (() => string) => {
  let n = 0;
  return () => `${prefix}-${(n++).toString(36)}`;
};

export interface Replica {
  readonly doc: Y.Doc;
  readonly model: Model;
  /** Every update this replica produced locally, in order. */
  readonly outbox: Uint8Array[];
}

export const REMOTE = Symbol('remote');

export const createReplica = (
  userId: string,
  options: Partial<ModelOptions> & { clientID?: number } = {},
  doc = new Y.Doc(),
): Replica => {
  if (options.clientID !== undefined) doc.clientID = options.clientID;
  const outbox: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) outbox.push(update);
  });
  const model = createModel(doc, {
    user: { id: userId, name: userId },
    createId: createIdFactory(`${userId}.${doc.clientID}`),
    ...options,
  });
  return { doc, model, outbox };
};

/** Applies an update as a remote one (the way a provider does). */
export const receive = (doc: Y.Doc, update: Uint8Array): void => Y.applyUpdate(doc, update, REMOTE);

/** Brings both docs to the same state. */
export const syncPair = (a: Y.Doc, b: Y.Doc): void => {
  receive(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  receive(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

/** A doc rebuilt from another's encoded state, as after a reload from storage. */
export const reload = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};
