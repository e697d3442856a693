import * as Y from 'yjs';
import { pendingBytes } from './check-update.js';
import { parkedDeletes } from './parked-deletes.js';

/** What a document may hold pending (waiting for missing dependencies). */
export interface PendingLimits {
  /** Bytes of pending structs and deletions together. */
  readonly maxBytes: number;
  /** Structs Yjs holds pending. */
  readonly maxStructs: number;
  /** Deletion ranges of items the document does not have yet. */
  readonly maxDeletes: number;
}

/** Which bound the document's pending content passed (the `reason` label of the refusal). */
export type PendingBreach = 'pending_overflow' | 'pending_too_many_structs' | 'pending_too_many_deletes';

export interface PendingBudget {
  /**
   * Runs `apply` (which applies updates to the doc), then re-applies the parked deletions of the
   * clients whose structs it added (with `origin`), and parks what Yjs holds pending of deletions.
   */
  integrate(apply: () => void, origin: unknown): void;
  /** The first bound the pending content now passes, if any. */
  breach(): PendingBreach | undefined;
  /** Forgets every pending struct and deletion. */
  clear(): void;
}

export function createPendingBudget(doc: Y.Doc, limits: PendingLimits): PendingBudget {
  const parked = parkedDeletes(doc);
  let countedUpdate: Uint8Array | undefined;
  let pendingStructs = 0;

  /** Counted again only when Yjs replaced its pending update (it did work of that size then anyway). */
  const countPendingStructs = (): number => {
    const update = doc.store.pendingStructs?.update;
    if (update !== countedUpdate) {
      countedUpdate = update;
      pendingStructs = update === undefined ? 0 : Y.decodeUpdateV2(update).structs.length;
    }
    return pendingStructs;
  };

  return {
    integrate(apply, origin) {
      if (parked.ranges() === 0) {
        apply();
        parked.park();
        return;
      }
      const advanced = new Set<number>();
      const track = (transaction: Y.Transaction): void => {
        for (const [client, clock] of transaction.afterState)
          if ((transaction.beforeState.get(client) ?? 0) !== clock) advanced.add(client);
      };
      doc.on('afterTransaction', track);
      try {
        apply();
      } finally {
        doc.off('afterTransaction', track);
      }
      const due = parked.take(advanced);
      if (due !== undefined) Y.applyUpdate(doc, due, origin);
      parked.park();
    },
    breach() {
      if (pendingBytes(doc) > limits.maxBytes) return 'pending_overflow';
      if (parked.ranges() > limits.maxDeletes) return 'pending_too_many_deletes';
      if (countPendingStructs() > limits.maxStructs) return 'pending_too_many_structs';
      return undefined;
    },
    clear() {
      doc.store.pendingStructs = null;
      doc.store.pendingDs = null;
      parked.clear();
    },
  };
}
