import { afterEach, describe, expect, it } from 'vitest';
import { DOMSerializer } from 'prosemirror-model';
import { deliverAll, type EditorReplica } from './fixtures/editor-replica.js';
import { reloadReplica, setupScenario, shown } from './fixtures/scenario.js';

const open: EditorReplica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.destroy();
});

const deleteWords = (replica: EditorReplica, words: string): void => {
  const { from, to } = replica.find(words);
  replica.view.dispatch(replica.view.state.tr.delete(from, to));
};

const htmlOf = (replica: EditorReplica, from: number, to: number): string => {
  const fragment = DOMSerializer.fromSchema(replica.view.state.schema).serializeFragment(
    replica.view.state.doc.slice(from, to).content,
  );
  const box = document.createElement('div');
  box.append(fragment);
  return box.innerHTML;
};

describe('a highlight through undo, redo and paste (real y-prosemirror, two editors)', () => {
  it.each([
    ['the user who deleted', 'alice'],
    ['the other user', 'bob'],
  ] as const)(
    'words deleted and undone by %s come back highlighted for everyone and after a reload; redo collapses it again',
    (_name, who) => {
      const { alice, bob, replicas, markId, relativeId } = setupScenario('quick brown');
      open.push(alice, bob);
      const actor = who === 'alice' ? alice : bob;
      deleteWords(actor, 'The quick brown');
      deliverAll(replicas);
      for (const replica of replicas) expect(shown(replica.model.highlights.resolve(markId))).toBe('collapsed');
      expect(actor.undo()).toBe(true);
      deliverAll(replicas);
      const reloaded = reloadReplica(bob, 'carol');
      open.push(reloaded);
      for (const replica of [alice, bob, reloaded]) {
        expect(replica.text()).toContain('The quick brown fox');
        expect(shown(replica.model.highlights.resolve(markId))).toBe('quick brown');
        expect(replica.editor.highlights().map((h) => h.text)).toEqual(['quick brown']);
      }
      // Relative positions do not follow restored characters (they are new Yjs items): collapsed, on every replica.
      for (const replica of [alice, bob, reloaded])
        expect(shown(replica.model.highlights.resolve(relativeId))).toBe('collapsed');
      expect(actor.redo()).toBe(true);
      deliverAll(replicas);
      for (const replica of replicas) expect(shown(replica.model.highlights.resolve(markId))).toBe('collapsed');
    },
  );

  it('a pasted copy of highlighted words is not highlighted; a cut and paste moves the highlight', () => {
    const { alice, bob, replicas, markId } = setupScenario('quick brown');
    open.push(alice, bob);
    const { from, to } = alice.find('quick brown');
    const html = htmlOf(alice, from, to);
    expect(html).toContain('data-marginalia-highlight');
    alice.select(alice.find('here').from);
    alice.view.pasteHTML(html);
    deliverAll(replicas);
    expect(bob.text()).toBe('The quick brown fox jumps.Second paragraph quick brownhere.');
    expect(shown(bob.model.highlights.resolve(markId))).toBe('quick brown');
    expect(bob.editor.highlights()).toMatchObject([{ from, to, text: 'quick brown' }]);

    alice.view.dispatch(alice.view.state.tr.delete(from, to)); // cut
    alice.select(alice.find('Second').from);
    alice.view.pasteHTML(html);
    deliverAll(replicas);
    expect(bob.text()).toBe('The  fox jumps.quick brownSecond paragraph quick brownhere.');
    expect(bob.editor.highlights().map((h) => [h.text, h.from])).toEqual([
      ['quick brown', bob.find('quick brown').from],
    ]);
  });

  it('concurrent typing by two users before, inside and after it merges to the same words on both', () => {
    const { alice, bob, replicas, markId } = setupScenario('quick brown');
    open.push(alice, bob);
    alice.select(alice.find('quick').from);
    alice.type('very ');
    bob.select(bob.find(' brown').from);
    bob.type(' and');
    bob.select(bob.find(' fox').from);
    bob.type(' big');
    alice.select(alice.find(' brown').to);
    alice.type(' old');
    deliverAll(replicas);
    expect(alice.text()).toBe(bob.text());
    expect(alice.text()).toContain('The very quick and brown old big fox');
    for (const replica of replicas) expect(shown(replica.model.highlights.resolve(markId))).toBe('quick and brown');
  });
});
