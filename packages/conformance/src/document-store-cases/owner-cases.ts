import { expect, it } from 'vitest';
import { createUpdateSource } from '../create-update-source.js';
import type { StoreContext } from './store-context.js';

/** Yjs client ids are random unsigned 32-bit numbers; the store must keep the whole range. */
const LARGEST_CLIENT_ID = 2 ** 32 - 1;

const entries = (owners: ReadonlyMap<number, string>): [number, string][] => [...owners].sort(([a], [b]) => a - b);

/** Client id ownership: who first wrote under each Yjs client id of a document. */
export function registerOwnerCases(context: StoreContext): void {
  it('a document without claims has no owners', async () => {
    expect(await context.store.loadClientOwners('never-written')).toEqual(new Map());
    expect(await context.store.claimClientIds('doc', 'ana', [])).toEqual(new Map());
    expect(await context.store.loadClientOwners('doc')).toEqual(new Map());
  });

  it('the first claim of a client id records its owner; a later claim by another user gets the first owner', async () => {
    const first = await context.store.claimClientIds('doc', 'ana', [7, 0, LARGEST_CLIENT_ID]);
    expect(entries(first)).toEqual([
      [0, 'ana'],
      [7, 'ana'],
      [LARGEST_CLIENT_ID, 'ana'],
    ]);
    const second = await context.store.claimClientIds('doc', 'bob', [7, 8]);
    expect(entries(second)).toEqual([
      [7, 'ana'],
      [8, 'bob'],
    ]);
    expect(entries(await context.store.claimClientIds('doc', 'ana', [7, 7]))).toEqual([[7, 'ana']]);
    expect(entries(await context.store.loadClientOwners('doc'))).toEqual([
      [0, 'ana'],
      [7, 'ana'],
      [8, 'bob'],
      [LARGEST_CLIENT_ID, 'ana'],
    ]);
  });

  it('owners belong to one document', async () => {
    await context.store.claimClientIds('doc', 'ana', [7]);
    expect(entries(await context.store.claimClientIds('doc-2', 'bob', [7]))).toEqual([[7, 'bob']]);
    expect(entries(await context.store.loadClientOwners('doc'))).toEqual([[7, 'ana']]);
  });

  it('concurrent claims of the same fresh ids: one user wins each id, and every claim is told the same winner', async () => {
    const users = ['ana', 'bob', 'cy', 'dee'];
    const ids = [11, 12, 13, 14, 15];
    const answers = await Promise.all(users.map((user) => context.store.claimClientIds('race', user, ids)));
    const stored = await context.store.loadClientOwners('race');
    expect([...stored.keys()].sort((a, b) => a - b)).toEqual(ids);
    for (const answer of answers) expect(entries(answer)).toEqual(entries(stored));
    for (const owner of stored.values()) expect(users).toContain(owner);
  });

  it('compaction keeps the owners; delete removes them with the log', async () => {
    const source = createUpdateSource();
    const [id] = await context.store.append('doc', [source.set('k', 1)]);
    await context.store.claimClientIds('doc', 'ana', [source.doc.clientID]);
    await context.store.claimClientIds('doc-2', 'ana', [source.doc.clientID]);
    await context.store.compact('doc', source.set('k', 2), [id!]);
    expect(entries(await context.store.loadClientOwners('doc'))).toEqual([[source.doc.clientID, 'ana']]);
    await context.store.delete('doc');
    expect(await context.store.loadClientOwners('doc')).toEqual(new Map());
    expect(entries(await context.store.claimClientIds('doc', 'bob', [source.doc.clientID]))).toEqual([
      [source.doc.clientID, 'bob'],
    ]);
    expect(entries(await context.store.loadClientOwners('doc-2'))).toEqual([[source.doc.clientID, 'ana']]);
  });
}

/** Ownership across instances on one backing store (stores that have `reopen`). */
export function registerSharedOwnerCases(context: StoreContext): void {
  it('two instances racing to claim the same fresh client id: the durable record decides, both are told the winner', async () => {
    const other = await context.reopen();
    for (let round = 0; round < 20; round += 1) {
      const clientId = 1000 + round;
      const [mine, theirs] = await Promise.all([
        context.store.claimClientIds('race', 'ana', [clientId]),
        other.claimClientIds('race', 'bob', [clientId]),
      ]);
      expect(mine.get(clientId)).toBeDefined();
      expect(theirs.get(clientId)).toBe(mine.get(clientId));
      expect((await other.loadClientOwners('race')).get(clientId)).toBe(mine.get(clientId));
    }
  });

  it('owners survive closing and opening the store again', async () => {
    await context.store.claimClientIds('doc', 'ana', [42]);
    await context.store.close();
    const reopened = await context.reopen();
    expect(entries(await reopened.loadClientOwners('doc'))).toEqual([[42, 'ana']]);
    expect(entries(await reopened.claimClientIds('doc', 'bob', [42]))).toEqual([[42, 'ana']]);
  });
}
