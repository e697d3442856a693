import { expect, it } from 'vitest';
import { StorageError, type DocumentStore } from '@marginalia/relay';
import { createUpdateSource, docFromUpdates } from '../create-update-source.js';
import { updatesOf, type StoreContext } from './store-context.js';

async function expectClosed(operation: Promise<unknown>): Promise<void> {
  const error: unknown = await operation.then(
    () => new Error('the operation succeeded on a closed store'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StorageError);
  expect((error as StorageError).code).toBe('storage_closed');
}

function everyOperation(store: DocumentStore, update: Uint8Array): Promise<unknown>[] {
  return [
    store.load('doc'),
    store.append('doc', [update]),
    ...(store.appendBatch === undefined ? [] : [store.appendBatch([{ docName: 'doc', updates: [update] }])]),
    store.compact('doc', update, [1]),
    store.loadClientOwners('doc'),
    store.claimClientIds('doc', 'ana', [1]),
    store.delete('doc'),
    store.ping(),
  ];
}

export function registerLifecycleCases(context: StoreContext): void {
  it('delete removes the whole log of one document and nothing else', async () => {
    const source = createUpdateSource();
    await context.store.append('doc', [source.set('a', 1), source.set('b', 2)]);
    await context.store.append('doc-2', [source.set('c', 3)]);
    await context.store.delete('doc');
    expect(await context.store.load('doc')).toEqual([]);
    expect(await context.store.load('doc-2')).toHaveLength(1);
    await context.store.delete('never-written');
    const fresh = createUpdateSource();
    await context.store.append('doc', [fresh.set('again', 1)]);
    const rows = await context.store.load('doc');
    expect(docFromUpdates(updatesOf(rows)).getMap('entries').toJSON()).toEqual({ again: 1 });
  });

  it('ping resolves while the store is open', async () => {
    await expect(context.store.ping()).resolves.toBeUndefined();
  });

  it('close can be called twice', async () => {
    await context.store.close();
    await expect(context.store.close()).resolves.toBeUndefined();
  });

  it("rejects every operation after close with StorageError 'storage_closed'", async () => {
    const update = createUpdateSource().set('k', 1);
    await context.store.append('doc', [update]);
    await context.store.close();
    for (const operation of everyOperation(context.store, update)) await expectClosed(operation);
  });
}
