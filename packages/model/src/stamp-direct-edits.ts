import * as Y from 'yjs';
import { registerClient } from './authorship.js';
import { stamp } from './records.js';
import type { ModelContext } from './model-context.js';

/**
 * Editor bindings write into a note's body Y.Text directly, bypassing the model. After such a local transaction
 * this records the editing user on the note (updatedBy/updatedAt) and registers the client, so that even a pure
 * deletion can be attributed and counted as unread. Returns the function that stops it.
 */
export const stampDirectEdits = (ctx: ModelContext): (() => void) => {
  const { doc, roots } = ctx;
  const handler = (tx: Y.Transaction): void => {
    if (!tx.local || tx.origin === ctx.origin) return;
    const touched = new Set<Y.Map<unknown>>();
    for (const type of tx.changed.keys()) {
      const parent = type._item?.parent;
      if (
        (type instanceof Y.Text || type instanceof Y.Array) &&
        parent instanceof Y.Map &&
        parent._item?.parent === roots.notes
      ) {
        touched.add(parent as Y.Map<unknown>);
      }
    }
    if (touched.size === 0 && roots.authors.get(String(doc.clientID)) === ctx.user.id) return;
    if (touched.size === 0 && tx.changed.size === 0) return;
    ctx.transact(() => {
      registerClient(doc, roots, ctx.user.id);
      for (const note of touched) if (note._item !== null && !note._item.deleted) stamp(note, ctx.user.id, ctx.now());
    });
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
};
