import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore } from '@marginalia/relay';
import { createUpdateSource, docContent, docFromUpdates, type UpdateSource } from '../create-update-source.js';
import { idsOf, updatesOf, type StoreContext } from './store-context.js';

/** Loads the log, merges it into one snapshot and returns what a relay would compact. */
async function snapshotOf(store: DocumentStore, docName: string) {
  const rows = await store.load(docName);
  return { snapshot: Y.encodeStateAsUpdate(docFromUpdates(updatesOf(rows))), mergedIds: idsOf(rows) };
}

/**
 * One round: compacts what is stored while `racers` appends are issued around the compaction
 * (before it, after it, on another instance) without waiting for one another.
 */
async function compactWhileAppending(stores: DocumentStore[], source: UpdateSource, round: number) {
  const [main] = stores as [DocumentStore];
  const { snapshot, mergedIds } = await snapshotOf(main, 'doc');
  const racing = stores.flatMap((store, s) =>
    [0, 1, 2].map((i) => () => store.append('doc', [source.set(`race-${round}-${s}-${i}`, i)])),
  );
  const settled = await Promise.all([
    racing[0]!(),
    main.compact('doc', snapshot, mergedIds),
    ...racing.slice(1).map((append) => append()),
  ]);
  return { mergedIds, racedIds: settled.filter(Array.isArray).flat() };
}

async function expectCompactedRace(context: StoreContext, stores: DocumentStore[]) {
  const source = createUpdateSource();
  for (let i = 0; i < 10; i += 1) await context.store.append('doc', [source.set(`before-${i}`, i)]);
  for (let round = 0; round < 5; round += 1) {
    const { mergedIds, racedIds } = await compactWhileAppending(stores, source, round);
    const ids = idsOf(await context.store.load('doc'));
    for (const id of mergedIds) expect(ids).not.toContain(id);
    for (const id of racedIds) expect(ids).toContain(id);
  }
  const rows = await context.store.load('doc');
  expect(docContent(docFromUpdates(updatesOf(rows)))).toEqual(docContent(source.doc));
}

export function registerCompactionCases(context: StoreContext): void {
  it('compact replaces exactly the merged rows with the snapshot', async () => {
    const source = createUpdateSource();
    const ids = await context.store.append(
      'doc',
      [0, 1, 2, 3, 4].map((i) => source.set(`k${i}`, i)),
    );
    const head = docFromUpdates(updatesOf((await context.store.load('doc')).slice(0, 3)));
    const snapshotId = await context.store.compact('doc', Y.encodeStateAsUpdate(head), ids.slice(0, 3));
    const rows = await context.store.load('doc');
    expect(idsOf(rows)).toEqual([ids[3], ids[4], snapshotId]);
    expect(docContent(docFromUpdates(updatesOf(rows)))).toEqual(docContent(source.doc));
  });

  it('keeps appends that race a compaction, and the log still rebuilds the document', async () => {
    await expectCompactedRace(context, [context.store]);
  });

  it('keeps the content when a second compaction names rows already gone', async () => {
    const source = createUpdateSource();
    await context.store.append('doc', [source.set('a', 1), source.insertText('abc')]);
    const { snapshot, mergedIds } = await snapshotOf(context.store, 'doc');
    await context.store.compact('doc', snapshot, mergedIds);
    await context.store.compact('doc', snapshot, mergedIds);
    const rows = await context.store.load('doc');
    expect(rows).toHaveLength(2);
    expect(docContent(docFromUpdates(updatesOf(rows)))).toEqual(docContent(source.doc));
  });

  it('compact never deletes rows of another document', async () => {
    const source = createUpdateSource();
    const [otherId] = await context.store.append('other', [source.set('other', 1)]);
    await context.store.append('doc', [source.set('doc', 1)]);
    const { snapshot, mergedIds } = await snapshotOf(context.store, 'doc');
    await context.store.compact('doc', snapshot, [...mergedIds, otherId!]);
    expect(idsOf(await context.store.load('other'))).toEqual([otherId]);
  });
}

/** The race again, with a second instance on the same backing storage appending too. */
export function registerSharedCompactionCase(context: StoreContext): void {
  it('keeps appends of another instance that race a compaction', async () => {
    await expectCompactedRace(context, [context.store, await context.reopen()]);
  });
}
