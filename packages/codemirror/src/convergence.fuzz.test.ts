import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { createRng, fuzzSeeds, type Rng } from '@marginalia/testkit';
import { createModel, HIGHLIGHT_COLORS } from '@marginalia/model';
import { createMarginaliaCodeMirror } from './marginalia-codemirror.js';

const REMOTE = Symbol('remote');
const views: EditorView[] = [];
afterEach(() => {
  for (const view of views.splice(0)) view.destroy();
});

const replica = (i: number) => {
  const doc = new Y.Doc();
  doc.clientID = 100 + i;
  let n = 0;
  const model = createModel(doc, { user: { id: `u${i}`, name: `u${i}` }, createId: () => `u${i}-${n++}` });
  const marginalia = createMarginaliaCodeMirror({ doc, model }, { field: 'code' });
  const parent = document.createElement('div');
  document.body.append(parent);
  const view = new EditorView({ parent, state: EditorState.create({ doc: '', extensions: marginalia.extensions }) });
  views.push(view);
  const outbox: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => origin !== REMOTE && outbox.push(u));
  return { doc, model, marginalia, view, outbox };
};
type Replica = ReturnType<typeof replica>;

const edit = (r: Replica, rand: Rng): void => {
  const length = r.view.state.doc.length;
  const at = rand.int(length + 1);
  const to = Math.min(length, at + rand.int(6));
  switch (rand.int(6)) {
    case 0:
    case 1:
      r.view.dispatch({ changes: { from: at, insert: rand.pick(['a', 'bc ', '\n', 'déf', ' x']) as string } });
      break;
    case 2:
      if (to > at) r.view.dispatch({ changes: { from: at, to } });
      break;
    case 3:
      if (to > at) {
        r.view.dispatch({ selection: EditorSelection.range(at, to) });
        r.marginalia.highlightSelection(r.view, { color: rand.pick(HIGHLIGHT_COLORS) as 'yellow' });
      }
      break;
    case 4:
      r.marginalia.undoManager.stopCapturing();
      r.marginalia.undoManager.undo();
      break;
    default:
      r.marginalia.undoManager.redo();
  }
};

describe('three CodeMirror editors with random edits, highlights, undo and random delivery (seeded)', () => {
  it.each(fuzzSeeds(process.env.SEED, 10))(
    'end with identical text and identical highlight texts (seed %i)',
    async (seed) => {
      const rand = createRng(seed);
      const replicas = [0, 1, 2].map(replica);
      const deliver = (from: Replica, count: number): void => {
        for (const u of from.outbox.splice(0, count))
          for (const to of replicas) if (to !== from) Y.applyUpdate(to.doc, u, REMOTE);
      };
      try {
        for (let step = 0; step < 150; step++) {
          edit(replicas[rand.int(3)] as Replica, rand);
          if (rand.chance(0.3)) deliver(replicas[rand.int(3)] as Replica, 1 + rand.int(5));
        }
        for (const r of replicas) deliver(r, Infinity);
        await new Promise<void>((resolve) => queueMicrotask(resolve));
        const [first, ...rest] = replicas as [Replica, ...Replica[]];
        const ids = first.model.highlights.list().map((h) => h.id);
        const resolved = (r: Replica) => ids.map((id) => r.model.highlights.resolve(id));
        for (const r of rest) {
          expect(r.view.state.doc.toString()).toBe(first.view.state.doc.toString());
          expect(resolved(r)).toEqual(resolved(first));
          expect(r.marginalia.highlights().map((h) => h.text)).toEqual(
            first.marginalia.highlights().map((h) => h.text),
          );
        }
        expect(first.view.state.doc.toString()).toBe(first.marginalia.text.toString());
      } catch (error) {
        throw new Error(`codemirror fuzz failed for seed ${seed}; replay with SEED=${seed}`, { cause: error });
      }
    },
  );
});
