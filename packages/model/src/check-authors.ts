import type * as Y from 'yjs';
import { getRoots } from './doc-layout.js';

/** An entry of the doc's `authors` record that the relay's owner of that client id contradicts. */
export interface ForgedAuthor {
  readonly clientId: number;
  /** The user the `authors` record names for the client id. */
  readonly claimed: string;
  /** The user the relay recorded as the first writer under that id; undefined when it has none. */
  readonly owner: string | undefined;
}

/**
 * Checks the doc's `authors` record (written by the clients themselves, so anyone who can write
 * could claim anything) against the relay's owners of the client ids: with auth on, the relay
 * records the user whose connection first wrote under each client id and refuses writes under it
 * by anyone else (`GET /v1/docs/<name>/client-owners`). Every entry the owners contradict, or name
 * no owner for, is returned; an empty array means the model's "who did what" is the relay's.
 */
export function checkAuthors(doc: Y.Doc, owners: ReadonlyMap<number, string>): ForgedAuthor[] {
  const forged: ForgedAuthor[] = [];
  for (const [key, claimed] of getRoots(doc).authors.entries()) {
    const clientId = Number(key);
    const owner = owners.get(clientId);
    if (owner !== claimed) forged.push({ clientId, claimed, owner });
  }
  return forged;
}
