import { expect, it } from 'vitest';
import { createUpdateSource, docContent, docFromUpdates } from '../create-update-source.js';
import { registerSharedCompactionCase } from './compaction-cases.js';
import { idsOf, isAscending, updatesOf, type StoreContext } from './store-context.js';

/** Cases for stores with a backing file or database that several instances can open. */
export function registerSharedBackingCases(context: StoreContext): void {
  it("two instances on one backing store see each other's appends", async () => {
    const other = await context.reopen();
    const source = createUpdateSource();
    const [first] = await context.store.append('doc', [source.set('from', 'first')]);
    expect(idsOf(await other.load('doc'))).toEqual([first]);
    const [second] = await other.append('doc', [source.set('from', 'second')]);
    const [third] = await context.store.append('doc', [source.insertText('third')]);
    expect(isAscending([first!, second!, third!])).toBe(true);
    for (const store of [context.store, other]) {
      const rows = await store.load('doc');
      expect(idsOf(rows)).toEqual([first, second, third]);
      expect(docContent(docFromUpdates(updatesOf(rows)))).toEqual(docContent(source.doc));
    }
  });

  it('keeps what was stored after the store is closed and opened again', async () => {
    const source = createUpdateSource();
    await context.store.append('doc', [source.set('kept', 1), source.insertText('kept')]);
    await context.store.close();
    const reopened = await context.reopen();
    const rows = await reopened.load('doc');
    expect(docContent(docFromUpdates(updatesOf(rows)))).toEqual(docContent(source.doc));
  });

  it('a deletion by one instance is seen by the other', async () => {
    const other = await context.reopen();
    await context.store.append('doc', [createUpdateSource().set('k', 1)]);
    await other.delete('doc');
    expect(await context.store.load('doc')).toEqual([]);
  });

  registerSharedCompactionCase(context);
}
