import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRng, fuzzSeeds } from '@marginalia/testkit';
import { createEditorReplica, type EditorReplica } from './fixtures/editor-replica.js';
import { createRandomNetwork } from './fixtures/random-network.js';
import { randomEdit } from './fixtures/random-edits.js';
import { PARAGRAPHS, reloadReplica, shown } from './fixtures/scenario.js';

const open: EditorReplica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.destroy();
});

const start = (count: number): EditorReplica[] => {
  const first = createEditorReplica('user0', { clientID: 100 });
  const { schema } = first.view.state;
  const content = PARAGRAPHS.map((text) => schema.node('paragraph', null, [schema.text(text)]));
  first.view.dispatch(first.view.state.tr.replaceWith(0, first.view.state.doc.content.size, content));
  first.stopCapturing();
  const replicas = [first];
  for (let i = 1; i < count; i++) replicas.push(createEditorReplica(`user${i}`, { clientID: 100 + i }));
  open.push(...replicas);
  return replicas;
};

/** Runs `steps` random edits by three replicas with random delivery; `afterStep` sees each step. */
const play = (seed: number, steps: number, afterStep?: (replicas: EditorReplica[], step: number) => void) => {
  const rand = createRng(seed);
  const replicas = start(3);
  const network = createRandomNetwork(replicas, rand);
  const log: string[] = [];
  network.flush();
  for (let step = 0; step < steps; step++) {
    const who = rand.int(replicas.length);
    log.push(`${who}:${randomEdit(replicas[who] as EditorReplica, rand)}`);
    if (rand.chance(0.4)) network.deliverSome();
    afterStep?.(replicas, step);
  }
  return { replicas, network, log };
};

/** What a fresh Y.Doc decodes from `doc`'s own state: what every other replica integrates. */
const reencoded = (doc: Y.Doc): string => {
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
  return fresh.getXmlFragment('body').toString();
};

/**
 * Seeds: a fixed range by default, so CI is repeatable; FUZZ_BASE=now explores a new range each run
 * (time-based), SEED=<n> replays one. Random ranges found seed 251275, which hits a Yjs defect (below).
 */
const base = process.env.FUZZ_BASE === 'now' ? undefined : Number(process.env.FUZZ_BASE ?? 4200);

describe('three editors with random edits and random delivery (seeded)', () => {
  const seeds = fuzzSeeds(process.env.SEED, 12, base);
  it.each(seeds)('end with identical documents and identical highlight texts (seed %i)', (seed) => {
    const { replicas, network, log } = play(seed, 120);
    try {
      network.flush();
      const [first, ...rest] = replicas as [EditorReplica, ...EditorReplica[]];
      const reloaded = reloadReplica(first, 'reloaded');
      open.push(reloaded);
      const expected = first.view.state.doc.toJSON();
      // Each editor shows what its Y.XmlFragment holds.
      expect(expected).toEqual(reloaded.view.state.doc.toJSON());
      const ids = first.model.highlights.list().map((h) => h.id);
      const texts = (replica: EditorReplica) => ids.map((id) => shown(replica.model.highlights.resolve(id)));
      for (const replica of [...rest, reloaded]) {
        expect(replica.editor.fragment.toJSON()).toEqual(first.editor.fragment.toJSON());
        expect(replica.view.state.doc.toJSON()).toEqual(expected);
        expect(texts(replica)).toEqual(texts(first));
        expect(replica.editor.highlights().map((h) => h.text)).toEqual(first.editor.highlights().map((h) => h.text));
      }
      // What the editor draws is what the model resolves.
      const drawn = new Map(first.editor.highlights().map((h) => [h.highlight.id, h.text]));
      for (const id of ids) {
        const resolved = first.model.highlights.resolve(id);
        expect(drawn.get(id) ?? 'not drawn').toBe(resolved.status === 'ok' ? shown(resolved) : 'not drawn');
      }
    } catch (error) {
      throw new Error(`editor fuzz failed for seed ${seed}; replay with SEED=${seed}; ops: ${log.join(' ')}`, {
        cause: error,
      });
    }
  });
});

/**
 * A Yjs defect, not ours (yjs/yjs#699, open: "items integrated in different order after sync,
 * possible corruption from UndoManager"): in seed 251275, replica 2's Y.UndoManager undo at step 119
 * leaves its own Y.Doc showing "... paragraph here." while the same state, encoded and decoded (what
 * every other replica and every reload gets), shows "... paraph here.gra". y-prosemirror renders the
 * local Y.Doc faithfully; the replicas then differ. Marked `fails`: it passes while the defect is
 * there, and turns red when a Yjs release fixes it (then delete it and keep the seed in the range).
 */
describe('Yjs UndoManager re-integration defect (yjs/yjs#699)', () => {
  it.fails('an undo leaves the undoing Y.Doc equal to its own re-encoded state (seed 251275, step 119)', () => {
    play(251275, 120, (replicas, step) => {
      if (step !== 119) return;
      const undoing = replicas[2] as EditorReplica;
      expect(undoing.editor.fragment.toString()).toBe(reencoded(undoing.doc));
    });
  });
});
