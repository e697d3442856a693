import type * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { getRoots } from './doc-layout.js';
import { createAuthorship, registerClient, type Authorship } from './authorship.js';
import { createHighlights, type Highlights } from './highlights.js';
import { createNotes, type Notes } from './notes.js';
import { createChangeFeed, type ChangeFeed } from './change-feed.js';
import { createUnread, type Unread } from './unread.js';
import { createOrphans, type Orphans } from './orphans.js';
import { createActivity, type Activity } from './activity.js';
import { createMeta, type Meta, type Migration } from './meta.js';
import { stampDirectEdits } from './stamp-direct-edits.js';
import { assertModelUser, createPeople, registerPerson, type People } from './people.js';
import { summarizeChanges, type SummarizableChange, type SummarizeOptions } from './summarize-changes.js';
import type { ModelContext, ModelUser } from './model-context.js';

export interface ModelOptions {
  readonly user: ModelUser;
  /** Epoch milliseconds; defaults to Date.now. */
  readonly now?: () => number;
  /** Ids of new highlights and notes; defaults to random UUIDs (unique per device, so offline creations never collide). */
  readonly createId?: () => string;
  /** Migrations to run right away (see Meta.migrate; a synced client should run them after its first sync). */
  readonly migrations?: readonly Migration[];
}

/** The typed API over one Y.Doc for one user. */
export interface Model {
  readonly doc: Y.Doc;
  readonly user: ModelUser;
  readonly highlights: Highlights;
  readonly notes: Notes;
  /** Notes whose highlight is gone and highlights whose words are gone: kept, shown, re-attachable. */
  readonly orphans: Orphans;
  readonly authorship: Authorship;
  /** Names (and colours) of everyone who wrote in the doc, by user id. */
  readonly people: People;
  readonly changes: ChangeFeed;
  /** Who did what and when, read from the doc (survives reloads, the same on every device); see groupActivity. */
  readonly activity: Activity;
  readonly unread: Unread;
  readonly meta: Meta;
  /**
   * `summarizeChanges` with names from the doc's people directory first; `options.nameOf` is asked for users the
   * directory does not know (e.g. presence), then the id is used.
   */
  summarize(changes: readonly SummarizableChange[], options?: SummarizeOptions): string[];
  /** Stops the change feed and the bookkeeping listeners. The doc itself stays open. */
  close(): void;
}

export const createModel = (doc: Y.Doc, options: ModelOptions): Model => {
  const { user } = options;
  assertModelUser(user);
  const roots = getRoots(doc);
  const origin = { model: user.id };
  const ctx: ModelContext = {
    doc,
    roots,
    user,
    origin,
    now: options.now ?? Date.now,
    createId: options.createId ?? uuidv4,
    transact: <T>(fn: () => T): T => {
      let result: T | undefined;
      doc.transact(() => {
        registerClient(doc, roots, user.id);
        registerPerson(roots, user);
        result = fn();
      }, origin);
      return result as T;
    },
  };
  const authorship = createAuthorship(roots);
  const people = createPeople(roots);
  const changes = createChangeFeed(ctx, authorship);
  const stopStamping = stampDirectEdits(ctx);
  const meta = createMeta(ctx);
  if (options.migrations !== undefined) meta.migrate(options.migrations);
  return {
    doc,
    user,
    highlights: createHighlights(ctx),
    notes: createNotes(ctx),
    orphans: createOrphans(ctx),
    authorship,
    people,
    changes,
    activity: createActivity(ctx, authorship),
    unread: createUnread(ctx, authorship),
    meta,
    summarize: (list, summarizeOptions = {}) =>
      summarizeChanges(list, {
        ...summarizeOptions,
        nameOf: (userId) => people.nameOf(userId) ?? summarizeOptions.nameOf?.(userId),
      }),
    close: () => {
      changes.close();
      stopStamping();
    },
  };
};
