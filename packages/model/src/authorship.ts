import type * as Y from 'yjs';
import type { DocRoots } from './doc-layout.js';

/** A run of characters of a Y.Text written by one user (`userId` null when the client is unknown). */
export interface AuthorSpan {
  readonly start: number;
  readonly end: number;
  readonly userId: string | null;
}

/** Who wrote what: the doc's `authors` map (Yjs clientID -> user id). */
export interface Authorship {
  /** The user id registered for a Yjs clientID, or null. */
  userOf(clientId: number): string | null;
  /** Every clientID registered for a user (one per device/session). */
  clientsOf(userId: string): number[];
  /** Who inserted a Yjs item (a character run, a map value...). */
  authorOfItem(item: Y.Item): string | null;
  /** The author of the character at `index` of a Y.Text, or null (unknown client / out of range). */
  authorAt(text: Y.Text, index: number): string | null;
  /** The visible characters of a Y.Text split into runs by author. */
  spans(text: Y.Text): AuthorSpan[];
}

export const createAuthorship = (roots: DocRoots): Authorship => {
  const userOf = (clientId: number): string | null => roots.authors.get(String(clientId)) ?? null;

  const spans = (text: Y.Text): AuthorSpan[] => {
    const out: AuthorSpan[] = [];
    let index = 0;
    for (let item = text._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue;
      const userId = userOf(item.id.client);
      const last = out[out.length - 1];
      if (last !== undefined && last.userId === userId && last.end === index) {
        out[out.length - 1] = { ...last, end: index + item.length };
      } else {
        out.push({ start: index, end: index + item.length, userId });
      }
      index += item.length;
    }
    return out;
  };

  return {
    userOf,
    clientsOf: (userId) =>
      [...roots.authors.entries()].filter(([, user]) => user === userId).map(([client]) => Number(client)),
    authorOfItem: (item) => userOf(item.id.client),
    authorAt: (text, index) => spans(text).find((span) => index >= span.start && index < span.end)?.userId ?? null,
    spans,
  };
};

/** Records that this doc's current clientID belongs to `userId` (no write when it already does). */
export const registerClient = (doc: Y.Doc, roots: DocRoots, userId: string): void => {
  const key = String(doc.clientID);
  if (roots.authors.get(key) !== userId) roots.authors.set(key, userId);
};
