import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { codePage, selectCode } from './code-page.js';
import { useDemoFixture } from './demo-fixture.js';
import { DEMO_WAIT_MS } from './demo-page.js';

// The code mode (code.html: CodeMirror 6, y-codemirror.next, @marginalia/codemirror) in real headless
// Chromium, two browser profiles, against the real relay process as `pnpm start` runs it.
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: DEMO_WAIT_MS });
const fixture = useDemoFixture(codePage, 'code');
const { expectBoth } = fixture;
const LINE = 'const answer = compute(42);';
const WORDS = 'answer = compute';

/** Alice types a line and highlights `answer = compute`; Bob opens the same document and sees it. */
const scenario = () => fixture.scenario((alice) => alice.keyboard.type(LINE), WORDS);

describe('code mode: a highlight in CodeMirror, two people, real relay', () => {
  it('typing by both before, inside and after it, at the same time, with named carets', async () => {
    const s = await scenario();
    await poll(() => codePage.peers(s.alice)).toEqual(['Bob']);
    await poll(() => codePage.peers(s.bob)).toEqual(['Alice']);
    await selectCode(s.alice, WORDS, 'start'); // at its first edge: stays outside
    await selectCode(s.bob, ' = compute', 'start'); // inside: it grows
    await Promise.all([s.alice.keyboard.type('my_'), s.bob.keyboard.type('Value')]);
    await selectCode(s.alice, '(42)', 'start'); // at its last edge: stays outside
    await selectCode(s.bob, ';', 'end'); // after it
    await Promise.all([s.alice.keyboard.type('d'), s.bob.keyboard.type(' // ok')]);
    // y-codemirror.next draws each other's caret with the name from the typed presence user.
    await poll(() => s.alice.locator('.cm-ySelectionInfo').allTextContents()).toEqual(['Bob']);
    await poll(() => s.bob.locator('.cm-ySelectionInfo').allTextContents()).toEqual(['Alice']);
    expect(await codePage.peers(s.alice)).toEqual(['Bob']);
    await screenshot(s.alice, 'code', 'concurrent-alice');
    await expectBoth(s, ['answerValue = compute']);
    expect(await codePage.text(s.alice)).toBe('const my_answerValue = computed(42); // ok');
  });

  it('undo and redo (Ctrl+Z, Ctrl+Shift+Z) by either user of typing inside it', async () => {
    const s = await scenario();
    await selectCode(s.bob, ' = compute', 'start');
    await s.bob.keyboard.type('Value');
    await poll(() => codePage.highlightTexts(s.alice)).toEqual(['answerValue = compute']);
    await selectCode(s.alice, ' compute', 'start');
    await s.alice.keyboard.type(' new');
    await poll(() => codePage.highlightTexts(s.bob)).toEqual(['answerValue = new compute']);
    // Each undoes only their own typing.
    await s.bob.keyboard.press('Control+z');
    await poll(() => codePage.highlightTexts(s.alice)).toEqual(['answer = new compute']);
    await s.alice.keyboard.press('Control+z');
    await poll(() => codePage.highlightTexts(s.bob)).toEqual([WORDS]);
    await s.bob.keyboard.press('Control+Shift+KeyZ'); // KeyZ: with Shift held the key is "Z", as a keyboard sends
    await expectBoth(s, ['answerValue = compute']);
    expect(await codePage.text(s.bob)).toBe('const answerValue = compute(42);');
  });

  it('the words deleted and brought back by Ctrl+Z are highlighted again for both; Ctrl+Shift+Z deletes them again', async () => {
    // Yjs restores deleted characters as new items; the binding of the user who undid re-anchors the highlight on
    // them (a record update), so every replica and every reload agrees.
    const s = await scenario();
    await selectCode(s.bob, WORDS);
    await s.bob.keyboard.press('Backspace');
    await poll(() => codePage.highlightTexts(s.alice)).toEqual([]);
    await s.bob.keyboard.press('Control+z');
    await poll(() => codePage.highlightTexts(s.alice)).toEqual([WORDS]);
    await s.bob.keyboard.press('Control+Shift+KeyZ');
    await poll(() => codePage.highlightTexts(s.alice)).toEqual([]);
    await s.bob.keyboard.press('Control+z');
    await expectBoth(s, [WORDS]);
    expect(await codePage.text(s.alice)).toBe(LINE);
  });

  it('a note on the highlight: written by one, opened by a click on the words by the other, and after a reload', async () => {
    const s = await scenario(); // highlighting opened Alice's note panel
    await s.alice.getByRole('textbox', { name: 'Note text' }).fill('Why 42?');
    await poll(() => s.bob.locator('#margin li').allTextContents()).toEqual([`“${WORDS}” — Alice ✎`]);
    await s.bob.locator('.cm-content [data-highlight-id]').first().click();
    await poll(() => s.bob.locator('#note-title').textContent()).toBe(`Note on “${WORDS}”`);
    await poll(() => s.bob.getByRole('textbox', { name: 'Note text' }).inputValue()).toBe('Why 42?');
    await s.alice.getByRole('textbox', { name: 'Note text' }).fill('Why 42? Ask Deep Thought.'); // seen as typed
    await poll(() => s.bob.getByRole('textbox', { name: 'Note text' }).inputValue()).toBe('Why 42? Ask Deep Thought.');
    await Promise.all([codePage.waitForSaved(s.alice), codePage.waitForSaved(s.bob)]);
    const reloaded = await fixture.reopen(s, 'Bob', { offline: true });
    await poll(() => codePage.highlightTexts(reloaded)).toEqual([WORDS]);
    await reloaded.locator('#margin li').first().click();
    expect(await reloaded.getByRole('textbox', { name: 'Note text' }).inputValue()).toBe('Why 42? Ask Deep Thought.');
    await screenshot(reloaded, 'code', 'note-after-reload');
  });

  it('one user offline types inside and after it while the other types before it; both merge to the same words', async () => {
    const s = await scenario();
    await codePage.goOffline(s.bob);
    await selectCode(s.bob, 'compute', 'start');
    await s.bob.keyboard.type('re');
    await selectCode(s.bob, ';', 'end');
    await s.bob.keyboard.type(' // offline');
    await selectCode(s.alice, 'const', 'start');
    await s.alice.keyboard.type('export ');
    await poll(() => codePage.highlightTexts(s.bob)).toEqual(['answer = recompute']);
    await s.bob.getByRole('switch', { name: 'Work offline' }).uncheck();
    await expectBoth(s, ['answer = recompute']);
    expect(await codePage.text(s.alice)).toBe('export const answer = recompute(42); // offline');
  });
});
