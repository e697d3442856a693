import { afterEach, describe, expect, it } from 'vitest';
import { setBlockType, splitBlock, joinBackward, toggleMark, wrapIn } from 'prosemirror-commands';
import { wrapInList } from 'prosemirror-schema-list';
import { DOMSerializer } from 'prosemirror-model';
import { deliverAll, type EditorReplica } from './fixtures/editor-replica.js';
import { reloadReplica, setupScenario, shown, testSchema } from './fixtures/scenario.js';

const open: EditorReplica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.destroy();
});

type Edit = (r: { alice: EditorReplica; bob: EditorReplica }) => void;
const caretIn = (replica: EditorReplica, words: string, offset = 0): void =>
  replica.select(replica.find(words).from + offset);
const { nodes, marks } = testSchema;

/** [edit, highlighted words, edit, what the mark highlight shows after, what the relative-position one shows] */
const TABLE: Array<[string, string, Edit, string, string]> = [
  [
    'type before, inside and after',
    'quick brown',
    ({ alice, bob }) => {
      caretIn(alice, 'The');
      alice.type('So ');
      caretIn(bob, 'brown');
      bob.type('very ');
      caretIn(alice, ' fox');
      alice.type('!');
    },
    'quick very brown',
    'quick very brown',
  ],
  [
    'Enter inside the highlight',
    'quick brown',
    ({ alice }) => {
      caretIn(alice, ' brown');
      alice.run(splitBlock);
    },
    'quick brown',
    'quick',
  ],
  [
    'Enter before it in the paragraph',
    'quick brown',
    ({ alice }) => {
      caretIn(alice, ' quick');
      alice.run(splitBlock);
    },
    'quick brown',
    'collapsed',
  ],
  [
    'turn the paragraph into a heading',
    'quick brown',
    ({ alice }) => {
      caretIn(alice, 'fox');
      alice.run(setBlockType(nodes.heading, { level: 2 }));
    },
    'quick brown',
    'orphaned (removed)',
  ],
  [
    'turn it into a bullet list',
    'quick brown',
    ({ alice }) => {
      caretIn(alice, 'fox');
      alice.run(wrapInList(nodes.bullet_list));
    },
    'quick brown',
    'orphaned (removed)',
  ],
  [
    'turn it into a quote',
    'quick brown',
    ({ alice }) => {
      caretIn(alice, 'fox');
      alice.run(wrapIn(nodes.blockquote));
    },
    'quick brown',
    'orphaned (removed)',
  ],
  [
    'turn it into a code block',
    'quick brown',
    ({ alice }) => {
      caretIn(alice, 'fox');
      alice.run(setBlockType(nodes.code_block));
    },
    'quick brown',
    'orphaned (removed)',
  ],
  [
    'join it to the paragraph before (Backspace at the start)',
    'Second paragraph',
    ({ bob }) => {
      caretIn(bob, 'Second');
      bob.run(joinBackward);
    },
    'Second paragraph',
    'Second paragraph',
  ],
  [
    'bold over part of it',
    'quick brown',
    ({ bob }) => {
      const { from, to } = bob.find('brown fox');
      bob.select(from, to);
      bob.run(toggleMark(marks.strong));
    },
    'quick brown',
    'quick brown',
  ],
  [
    'type its first letter just before it',
    'quick brown',
    ({ alice }) => {
      caretIn(alice, 'quick');
      alice.type('q');
    },
    'quick brown',
    'qquick brown',
  ],
  [
    'select and retype it',
    'quick brown',
    ({ alice }) => {
      const { from, to } = alice.find('quick brown');
      alice.select(from, to);
      for (const c of 'quick brown') alice.type(c);
    },
    'collapsed',
    'q',
  ],
];

describe('a highlight through structural edits (real y-prosemirror, two editors)', () => {
  it.each(TABLE)('%s', (_name, words, edit, markShows, relativeShows) => {
    const { alice, bob, replicas, markId, relativeId } = setupScenario(words);
    open.push(alice, bob);
    edit({ alice, bob });
    deliverAll(replicas);
    expect(bob.view.state.doc.toJSON()).toEqual(alice.view.state.doc.toJSON());
    const reloaded = reloadReplica(alice, 'carol');
    open.push(reloaded);
    for (const replica of [alice, bob, reloaded]) {
      expect(shown(replica.model.highlights.resolve(markId))).toBe(markShows);
      expect(shown(replica.model.highlights.resolve(relativeId))).toBe(relativeShows);
      const inEditor = replica.editor.highlights().find((h) => h.highlight.id === markId);
      expect(inEditor?.text ?? 'collapsed').toBe(markShows);
    }
  });
});
