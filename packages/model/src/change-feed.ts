import type * as Y from 'yjs';
import { collectChanges, type RawChange } from './change-collector.js';
import type { Authorship } from './authorship.js';
import type { ChangeEvent } from './change-event.js';
import type { ModelContext } from './model-context.js';

/** Typed change events, one batch per Yjs transaction that touched highlights or notes. */
export interface ChangeFeed {
  /** Returns the unsubscribe function. */
  subscribe(listener: (events: ChangeEvent[]) => void): () => void;
  close(): void;
}

export const createChangeFeed = (ctx: ModelContext, authorship: Authorship): ChangeFeed => {
  const { doc, roots } = ctx;
  const listeners = new Set<(events: ChangeEvent[]) => void>();
  const pending = new Map<Y.Transaction, Map<string, RawChange>>();
  const bucket = (tx: Y.Transaction): Map<string, RawChange> => {
    let changes = pending.get(tx);
    if (changes === undefined) pending.set(tx, (changes = new Map()));
    return changes;
  };
  const onHighlights = (events: Array<Y.YEvent<any>>, tx: Y.Transaction): void =>
    collectChanges('highlight', roots.highlights, roots, authorship, events, tx, bucket(tx));
  const onNotes = (events: Array<Y.YEvent<any>>, tx: Y.Transaction): void =>
    collectChanges('note', roots.notes, roots, authorship, events, tx, bucket(tx));
  const onAfterTransaction = (tx: Y.Transaction): void => {
    const changes = pending.get(tx);
    if (changes === undefined) return;
    pending.delete(tx);
    const at = ctx.now();
    const events: ChangeEvent[] = [...changes.values()].map((c) => ({
      type: c.type,
      id: c.id,
      userId: tx.local ? ctx.user.id : c.userId,
      at,
      local: tx.local,
      fields: [...c.fields],
    }));
    if (events.length === 0) return;
    for (const listener of [...listeners]) listener(events);
  };

  roots.highlights.observeDeep(onHighlights);
  roots.notes.observeDeep(onNotes);
  doc.on('afterTransaction', onAfterTransaction);
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      roots.highlights.unobserveDeep(onHighlights);
      roots.notes.unobserveDeep(onNotes);
      doc.off('afterTransaction', onAfterTransaction);
      listeners.clear();
      pending.clear();
    },
  };
};
