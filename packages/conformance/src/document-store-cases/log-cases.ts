import { expect, it } from 'vitest';
import { createUpdateSource, docContent, docFromUpdates } from '../create-update-source.js';
import { idsOf, isAscending, sameBytes, updatesOf, type StoreContext } from './store-context.js';

const PREFIX_NAMES = ['a', 'a/b', 'a/b/c', 'ab', 'a%', 'a_', 'a\\', 'A', 'a.b', '%', '_'];
const ONE_MB = 1024 * 1024;

export function registerLogCases(context: StoreContext): void {
  it('loads a document that was never written as an empty log', async () => {
    expect(await context.store.load('never-written')).toEqual([]);
  });

  it('appends updates and loads them back in order under the ids it returned', async () => {
    const source = createUpdateSource();
    const batches = [
      [source.set('one', 1), source.set('two', 2)],
      [source.insertText('hello')],
      [source.set('three', 3), source.insertText(' world'), source.set('one', 'uno')],
    ];
    const ids: number[] = [];
    for (const batch of batches) {
      const batchIds = await context.store.append('doc', batch);
      expect(batchIds).toHaveLength(batch.length);
      ids.push(...batchIds);
    }
    expect(isAscending(ids)).toBe(true);
    const rows = await context.store.load('doc');
    expect(idsOf(rows)).toEqual(ids);
    const sent = batches.flat();
    rows.forEach((row, i) => expect(sameBytes(row.update, sent[i]!)).toBe(true));
    expect(docContent(docFromUpdates(updatesOf(rows)))).toEqual(docContent(source.doc));
  });

  it('gives ids that grow across documents', async () => {
    const source = createUpdateSource();
    const first = await context.store.append('x', [source.set('k', 1)]);
    const second = await context.store.append('y', [source.set('k', 2)]);
    const third = await context.store.append('x', [source.set('k', 3)]);
    expect(isAscending([...first, ...second, ...third])).toBe(true);
  });

  it('stores nothing for an empty append', async () => {
    expect(await context.store.append('empty', [])).toEqual([]);
    expect(await context.store.load('empty')).toEqual([]);
  });

  it('keeps its own copy of the appended bytes', async () => {
    const update = createUpdateSource().set('k', 'v');
    const original = update.slice();
    await context.store.append('copy', [update]);
    update.fill(0);
    const [row] = await context.store.load('copy');
    expect(sameBytes(row!.update, original)).toBe(true);
  });

  it('keeps apart documents whose names prefix each other or contain wildcards', async () => {
    const written = new Map<string, Uint8Array>();
    for (const name of PREFIX_NAMES) {
      const update = createUpdateSource().set('name', name);
      written.set(name, update);
      await context.store.append(name, [update]);
    }
    for (const name of PREFIX_NAMES) {
      const rows = await context.store.load(name);
      expect(rows, name).toHaveLength(1);
      expect(docFromUpdates(updatesOf(rows)).getMap('entries').get('name')).toBe(name);
    }
    const [aRow] = await context.store.load('a');
    await context.store.compact('a', written.get('a')!, [aRow!.id]);
    await context.store.delete('a/b');
    await context.store.delete('a%');
    for (const name of PREFIX_NAMES.filter((n) => n !== 'a/b' && n !== 'a%')) {
      const rows = await context.store.load(name);
      expect(rows, name).toHaveLength(1);
      expect(docFromUpdates(updatesOf(rows)).getMap('entries').get('name')).toBe(name);
    }
    expect(await context.store.load('a/b')).toEqual([]);
    expect(await context.store.load('a%')).toEqual([]);
  });

  it('stores and loads 1 MB updates', async () => {
    const source = createUpdateSource();
    const big = [source.insertText('x'.repeat(ONE_MB)), source.insertText('y'.repeat(ONE_MB))];
    const small = source.set('after', 'big');
    expect(big[0]!.byteLength).toBeGreaterThan(ONE_MB);
    await context.store.append('big', big);
    await context.store.append('big', [small]);
    const rows = await context.store.load('big');
    expect(rows).toHaveLength(3);
    [...big, small].forEach((update, i) => expect(sameBytes(rows[i]!.update, update)).toBe(true));
    expect(docFromUpdates(updatesOf(rows)).getText('text').length).toBe(2 * ONE_MB);
  });
}
