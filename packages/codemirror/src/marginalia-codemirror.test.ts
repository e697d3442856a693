import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { Awareness } from 'y-protocols/awareness';
import { createModel } from '@marginalia/model';
import { createMarginaliaCodeMirror, type MarginaliaCodeMirror } from './marginalia-codemirror.js';

const REMOTE = Symbol('remote');
const views: EditorView[] = [];
afterEach(() => {
  for (const view of views.splice(0)) view.destroy();
});

/** One user's CodeMirror 6 (a real EditorView in happy-dom) with yCollab on a Marginalia doc. */
const editorFor = (userId: string, clientID: number) => {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  let n = 0;
  const model = createModel(doc, { user: { id: userId, name: userId }, createId: () => `${userId}-${n++}` });
  const awareness = new Awareness(doc);
  const marginalia: MarginaliaCodeMirror = createMarginaliaCodeMirror({ doc, model, awareness }, { field: 'code' });
  const parent = document.createElement('div');
  document.body.append(parent);
  const view = new EditorView({
    parent,
    state: EditorState.create({ doc: marginalia.text.toString(), extensions: marginalia.extensions }),
  });
  views.push(view);
  return { doc, model, marginalia, view };
};

const link = (a: Y.Doc, b: Y.Doc): void => {
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(b, u, REMOTE));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(a, u, REMOTE));
};

const flush = (): Promise<void> => new Promise((resolve) => queueMicrotask(resolve));
const drawn = (view: EditorView): string[] =>
  [...view.dom.querySelectorAll('[data-highlight-id]')].map((el) => el.textContent ?? '');

describe('@marginalia/codemirror with y-codemirror.next', () => {
  it('highlights the selection, draws it for both users, and keeps it on the words through typing by either', async () => {
    const alice = editorFor('alice', 1);
    const bob = editorFor('bob', 2);
    link(alice.doc, bob.doc);
    alice.view.dispatch({ changes: { from: 0, insert: 'const answer = compute(42);\n' } });
    expect(bob.view.state.doc.toString()).toBe('const answer = compute(42);\n');
    const from = 'const '.length;
    alice.view.dispatch({ selection: EditorSelection.range(from, from + 'answer'.length) });
    const made = alice.marginalia.highlightSelection(alice.view, { color: 'blue' });
    expect(made).not.toBeNull();
    await flush();
    for (const side of [alice, bob]) {
      expect(side.marginalia.highlights().map((h) => h.text)).toEqual(['answer']);
      expect(drawn(side.view)).toEqual(['answer']);
    }
    bob.view.dispatch({ changes: { from: 0, insert: 'export ' } });
    alice.view.dispatch({ changes: { from: 'export const ans'.length, insert: 'w' } });
    await flush();
    for (const side of [alice, bob]) {
      expect(side.view.state.doc.toString()).toBe('export const answwer = compute(42);\n');
      expect(side.marginalia.highlights().map((h) => [h.text, h.author])).toEqual([['answwer', 'alice']]);
    }
    bob.marginalia.recolor(made!.id, 'pink');
    await flush();
    expect(alice.view.dom.querySelector('[data-highlight-id]')?.className).toContain('marginalia-highlight-pink');
    bob.marginalia.delete(made!.id);
    await flush();
    expect(drawn(alice.view)).toEqual([]);
  });

  it('words deleted and brought back by undo (by either user) are highlighted again for both and after a reload; redo collapses it', async () => {
    const alice = editorFor('alice', 1);
    const bob = editorFor('bob', 2);
    link(alice.doc, bob.doc);
    alice.view.dispatch({ changes: { from: 0, insert: 'const answer = compute(42);' } });
    alice.view.dispatch({ selection: EditorSelection.range(6, 22) });
    const made = alice.marginalia.highlightSelection(alice.view, { color: 'green' })!;
    const words = (side: typeof alice) => side.model.highlights.resolve(made.id);
    for (const [i, undoer] of [bob, alice, bob].entries()) {
      undoer.marginalia.undoManager.stopCapturing();
      undoer.view.dispatch({ changes: { from: 6, to: 22 } }); // the words, deleted
      for (const side of [alice, bob]) expect(words(side).status).toBe('collapsed');
      undoer.marginalia.undoManager.undo();
      await flush();
      const reloaded = new Y.Doc();
      Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(alice.doc));
      const fresh = createModel(reloaded, { user: { id: 'carol', name: 'carol' } });
      for (const resolved of [words(alice), words(bob), fresh.highlights.resolve(made.id)])
        expect(resolved, `round ${i}`).toMatchObject({ status: 'ok', text: 'answer = compute' });
      for (const side of [alice, bob]) expect(drawn(side.view)).toEqual(['answer = compute']);
      undoer.marginalia.undoManager.redo(); // the words deleted again
      for (const side of [alice, bob]) expect(words(side).status).toBe('collapsed');
      undoer.marginalia.undoManager.undo();
      for (const side of [alice, bob]) expect(words(side)).toMatchObject({ status: 'ok', text: 'answer = compute' });
    }
  });

  it('returns null for an empty selection', () => {
    const alice = editorFor('alice', 1);
    alice.view.dispatch({ changes: { from: 0, insert: 'x' } });
    expect(alice.marginalia.highlightSelection(alice.view)).toBeNull();
  });
});
