import type { DocumentStore } from '../ports/document-store.js';

/**
 * Whether a user may write under the client ids an update writes (see owner-gate.ts): `own` when
 * the user owns every one, `foreign` naming the first id the user may not write under (`owner`
 * undefined when nobody owns it: a deletion past what nobody has written), `claim` with the ids
 * nobody owns yet (they must be claimed in the store before the update may apply).
 */
export type OwnerVerdict =
  | { readonly kind: 'own' }
  | { readonly kind: 'foreign'; readonly clientId: number; readonly owner: string | undefined }
  | { readonly kind: 'claim'; readonly clientIds: readonly number[] };

/**
 * The owners of one loaded document's Yjs client ids: the user whose connection first wrote under
 * each (with auth on). The store's record decides; this copy only remembers what the store said
 * (an owner never changes, so a remembered owner is never stale). An id not remembered here may
 * have been claimed through another relay instance: asking the store tells.
 */
export interface ClientOwners {
  /** The verdict on struct writes under `clientIds` by `userId`, from what this copy knows. */
  judge(userId: string, clientIds: readonly number[]): OwnerVerdict;
  /** Claims fresh ids in the store for `userId`; resolves once the store has decided each. */
  claim(userId: string, clientIds: readonly number[]): Promise<void>;
  /** Every owner this copy knows (all of them after load, plus later claims). */
  known(): ReadonlyMap<number, string>;
}

export function createClientOwners(
  store: DocumentStore,
  docName: string,
  loaded: ReadonlyMap<number, string>,
): ClientOwners {
  const owners = new Map(loaded);
  const judge = (userId: string, clientIds: readonly number[]): OwnerVerdict => {
    const fresh: number[] = [];
    for (const clientId of clientIds) {
      const owner = owners.get(clientId);
      if (owner === undefined) fresh.push(clientId);
      else if (owner !== userId) return { kind: 'foreign', clientId, owner };
    }
    return fresh.length === 0 ? { kind: 'own' } : { kind: 'claim', clientIds: fresh };
  };
  return {
    judge,
    async claim(userId, clientIds) {
      const decided = await store.claimClientIds(docName, userId, clientIds);
      for (const [clientId, owner] of decided) owners.set(clientId, owner);
      const undecided = clientIds.filter((clientId) => !owners.has(clientId));
      if (undecided.length > 0)
        throw new Error(`the store did not decide the owner of client ids ${undecided.join(', ')}`);
    },
    known: () => owners,
  };
}
