import type * as Y from 'yjs';
import type { DocRoots } from './doc-layout.js';

/** A user as the model knows them. */
export interface ModelUser {
  readonly id: string;
  /** Shown to others: written to the doc's people directory with the user's first write. */
  readonly name?: string;
  /** `#rrggbb` or a palette color name, stored beside the name. */
  readonly color?: string;
}

/** What every part of the model shares: the doc, its roots, who writes, and the clock. */
export interface ModelContext {
  readonly doc: Y.Doc;
  readonly roots: DocRoots;
  readonly user: ModelUser;
  readonly now: () => number;
  readonly createId: () => string;
  /** Runs `fn` in one Yjs transaction with the model's origin, making sure this client is registered as the user. */
  readonly transact: <T>(fn: () => T) => T;
  readonly origin: object;
}
