import { afterEach, describe, expect, it } from 'vitest';
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

describe('three editors with random edits and random delivery (seeded)', () => {
  const seeds = fuzzSeeds(process.env.SEED, 12);
  it.each(seeds)('end with identical documents and identical highlight texts (seed %i)', (seed) => {
    const rand = createRng(seed);
    const replicas = start(3);
    const network = createRandomNetwork(replicas, rand);
    const log: string[] = [];
    try {
      network.flush();
      for (let step = 0; step < 120; step++) {
        const who = rand.int(replicas.length);
        log.push(`${who}:${randomEdit(replicas[who] as EditorReplica, rand)}`);
        if (rand.chance(0.4)) network.deliverSome();
      }
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
