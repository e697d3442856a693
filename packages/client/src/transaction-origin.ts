import type * as Y from 'yjs';

/** The origin of the transaction whose changes are being reported right now. */
export interface TransactionOrigin {
  readonly current: unknown;
  close(): void;
}

/**
 * Tells listeners of the model's change feed which transaction a batch came from. The feed reports a
 * batch from its own `afterTransaction` handler; this one is registered first (create it before the
 * model), so for every transaction it runs just before the feed's and `current` is that transaction's origin.
 */
export function trackTransactionOrigin(doc: Y.Doc): TransactionOrigin {
  let current: unknown;
  const onAfter = (tx: Y.Transaction): void => {
    current = tx.origin;
  };
  doc.on('afterTransaction', onAfter);
  return {
    get current() {
      return current;
    },
    close: () => doc.off('afterTransaction', onAfter),
  };
}
