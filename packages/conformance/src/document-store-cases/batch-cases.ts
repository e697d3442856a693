import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { StorageError, type AppendBatchEntry, type DocumentStore } from '@marginalia/relay';
import { createUpdateSource, docContent, docFromUpdates } from '../create-update-source.js';
import { idsOf, isAscending, sameBytes, updatesOf, type StoreContext } from './store-context.js';

function appendBatchOf(store: DocumentStore): (entries: readonly AppendBatchEntry[]) => Promise<number[][]> {
  const appendBatch = store.appendBatch?.bind(store);
  if (appendBatch === undefined) throw new Error('the store has no appendBatch');
  return appendBatch;
}

async function expectStored(
  store: DocumentStore,
  docName: string,
  ids: readonly number[],
  updates: readonly Uint8Array[],
) {
  const rows = await store.load(docName);
  expect(idsOf(rows), docName).toEqual(ids);
  rows.forEach((row, i) => expect(sameBytes(row.update, updates[i]!), `${docName} row ${i}`).toBe(true));
}

/** Cases for stores that implement the optional `appendBatch`. */
export function registerBatchCases(context: StoreContext): void {
  it('appendBatch stores every entry under its own document and returns the ids per entry', async () => {
    const [a, b, c] = [createUpdateSource(), createUpdateSource(), createUpdateSource()];
    const [before] = await context.store.append('a', [a.set('before', 0)]);
    const entries = [
      { docName: 'a', updates: [a.set('one', 1), a.insertText('hello')] },
      { docName: 'b', updates: [b.set('two', 2)] },
      { docName: 'c', updates: [c.insertText('x'), c.insertText('y'), c.set('z', 3)] },
    ];
    const ids = await appendBatchOf(context.store)(entries);
    expect(ids.map((entryIds) => entryIds.length)).toEqual([2, 1, 3]);
    expect(isAscending([before!, ...ids.flat()])).toBe(true);
    const afterA = await context.store.load('a');
    expect(idsOf(afterA)).toEqual([before, ...ids[0]!]);
    await expectStored(context.store, 'b', ids[1]!, entries[1]!.updates);
    await expectStored(context.store, 'c', ids[2]!, entries[2]!.updates);
    for (const [name, source] of [
      ['a', a],
      ['b', b],
      ['c', c],
    ] as const) {
      expect(docContent(docFromUpdates(updatesOf(await context.store.load(name))))).toEqual(docContent(source.doc));
    }
  });

  it('appendBatch keeps entries of one document in entry order and gives empty entries no rows', async () => {
    const source = createUpdateSource();
    const first = [source.set('k', 1)];
    const second = [source.set('k', 2), source.set('k', 3)];
    const ids = await appendBatchOf(context.store)([
      { docName: 'doc', updates: first },
      { docName: 'empty', updates: [] },
      { docName: 'doc', updates: second },
    ]);
    expect(ids[1]).toEqual([]);
    await expectStored(context.store, 'doc', [...ids[0]!, ...ids[2]!], [...first, ...second]);
    expect(await context.store.load('empty')).toEqual([]);
    expect(await appendBatchOf(context.store)([])).toEqual([]);
    expect(await appendBatchOf(context.store)([{ docName: 'empty', updates: [] }])).toEqual([[]]);
    expect(await context.store.load('empty')).toEqual([]);
  });

  it('appendBatch rows mix with append and compaction of the same documents', async () => {
    const source = createUpdateSource();
    const other = createUpdateSource();
    const ids = await appendBatchOf(context.store)([
      { docName: 'doc', updates: [source.set('batched', 1)] },
      { docName: 'other', updates: [other.set('kept', 1)] },
    ]);
    const [batched, otherId] = ids.flat();
    const [appended] = await context.store.append('doc', [source.set('appended', 2)]);
    const snapshot = docFromUpdates(updatesOf(await context.store.load('doc')));
    const compacted = await context.store.compact('doc', Y.encodeStateAsUpdate(snapshot), [batched!, appended!]);
    expect(idsOf(await context.store.load('doc'))).toEqual([compacted]);
    expect(idsOf(await context.store.load('other'))).toEqual([otherId]);
    expect(docContent(docFromUpdates(updatesOf(await context.store.load('doc'))))).toEqual(docContent(source.doc));
  });

  it('appendBatch keeps its own copy of the appended bytes', async () => {
    const update = createUpdateSource().set('k', 'v');
    const original = update.slice();
    await appendBatchOf(context.store)([{ docName: 'copy', updates: [update] }]);
    update.fill(0);
    const [row] = await context.store.load('copy');
    expect(sameBytes(row!.update, original)).toBe(true);
  });
}

/** Cases that need writes to one document to fail in the backing store (`failWritesTo`). */
export function registerBatchFailureCases(context: StoreContext): void {
  it('appendBatch is all or nothing: when one entry cannot be written, no entry is stored', async () => {
    const source = createUpdateSource();
    const [kept] = await context.store.append('ok-1', [source.set('kept', 1)]);
    await context.failWritesTo('broken');
    const attempt = appendBatchOf(context.store)([
      { docName: 'ok-1', updates: [source.set('lost', 1)] },
      { docName: 'broken', updates: [source.set('never', 1)] },
      { docName: 'ok-2', updates: [source.set('lost', 2)] },
    ]);
    const error: unknown = await attempt.then(
      () => new Error('the batch was stored'),
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('storage_failed');
    expect(idsOf(await context.store.load('ok-1'))).toEqual([kept]);
    expect(await context.store.load('ok-2')).toEqual([]);
    expect(await context.store.load('broken')).toEqual([]);
    const later = await appendBatchOf(context.store)([{ docName: 'ok-2', updates: [source.set('later', 1)] }]);
    expect(idsOf(await context.store.load('ok-2'))).toEqual(later.flat());
  });
}
