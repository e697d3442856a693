import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newUserContext, screenshot } from './browser.js';
import { startReaderRelay, type ReaderRelay } from './reader-relay.js';
import {
  CODE_WAIT_MS,
  codeDrawnTexts,
  codeHighlightTexts,
  codePeers,
  codeText,
  openCode,
  selectCode,
  waitForCodeSaved,
} from './code-page.js';

// The code mode (code.html: CodeMirror 6, y-codemirror.next, @marginalia/codemirror) in real headless
// Chromium, two browser profiles, against the real relay process as `pnpm start` runs it.
let relay: ReaderRelay;
let browser: Browser;
const contexts: BrowserContext[] = [];
let docs = 0;

beforeAll(async () => {
  relay = await startReaderRelay();
  browser = await launchBrowser();
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    const pages = contexts.flatMap((c) => c.pages());
    await Promise.all(
      pages.map((page, i) =>
        screenshot(page, 'code-failed', `${task.name.slice(0, 40).replace(/\W+/g, '-')}-page${i}`),
      ),
    );
  }
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await browser?.close();
  await relay?.close();
});

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: CODE_WAIT_MS });
const LINE = 'const answer = compute(42);';
const WORDS = 'answer = compute';

interface Scenario {
  readonly alice: Page;
  readonly bob: Page;
  readonly doc: string;
  readonly contexts: [BrowserContext, BrowserContext];
}

/** Alice types a line and highlights `answer = compute`; Bob opens the same document and sees it. */
async function scenario(): Promise<Scenario> {
  const doc = `e2e/code-${Date.now()}-${docs++}`;
  const pair: [BrowserContext, BrowserContext] = [await newUserContext(browser), await newUserContext(browser)];
  contexts.push(...pair);
  const alice = await openCode(pair[0], relay.url, doc, 'Alice');
  await alice.locator('.cm-content').click();
  await alice.keyboard.type(LINE);
  await selectCode(alice, WORDS);
  await alice.locator('#colors button[data-color="green"]').click();
  const bob = await openCode(pair[1], relay.url, doc, 'Bob');
  for (const page of [alice, bob]) await poll(() => codeHighlightTexts(page)).toEqual([WORDS]);
  await bob.locator('.cm-content').click();
  return { alice, bob, doc, contexts: pair };
}

/** Both see the same text and exactly `expected` highlighted, drawn and listed; again after a reload from IndexedDB alone; then both are online again. */
async function expectBoth(s: Scenario, expected: string[]): Promise<void> {
  const { alice, bob } = s;
  await poll(async () => (await codeText(bob)) === (await codeText(alice))).toBe(true);
  for (const page of [alice, bob]) {
    await poll(() => codeHighlightTexts(page)).toEqual(expected);
    expect(await codeDrawnTexts(page)).toEqual(expected);
  }
  await Promise.all([waitForCodeSaved(alice), waitForCodeSaved(bob)]);
  const text = await codeText(alice);
  for (const [i, name] of (['Alice', 'Bob'] as const).entries()) {
    const reloaded = await openCode(s.contexts[i] as BrowserContext, relay.url, s.doc, name, { offline: true });
    await poll(() => codeText(reloaded)).toBe(text);
    expect(await codeHighlightTexts(reloaded)).toEqual(expected);
    expect(await codeDrawnTexts(reloaded)).toEqual(expected);
    // "Work offline" in one tab takes every tab of that user offline; going online again does the same.
    await reloaded.getByRole('switch', { name: 'Work offline' }).uncheck();
    await reloaded.close();
  }
  await Promise.all([waitForCodeSaved(alice), waitForCodeSaved(bob)]);
}

describe('code mode: a highlight in CodeMirror, two people, real relay', () => {
  it('typing by both before, inside and after it, at the same time, with named carets', async () => {
    const s = await scenario();
    await poll(() => codePeers(s.alice)).toEqual(['Bob']);
    await poll(() => codePeers(s.bob)).toEqual(['Alice']);
    await selectCode(s.alice, WORDS, 'start'); // at its first edge: stays outside
    await selectCode(s.bob, ' = compute', 'start'); // inside: it grows
    await Promise.all([s.alice.keyboard.type('my_'), s.bob.keyboard.type('Value')]);
    await selectCode(s.alice, '(42)', 'start'); // at its last edge: stays outside
    await selectCode(s.bob, ';', 'end'); // after it
    await Promise.all([s.alice.keyboard.type('d'), s.bob.keyboard.type(' // ok')]);
    // y-codemirror.next draws each other's caret with the name from the typed presence user.
    await poll(() => s.alice.locator('.cm-ySelectionInfo').allTextContents()).toEqual(['Bob']);
    await poll(() => s.bob.locator('.cm-ySelectionInfo').allTextContents()).toEqual(['Alice']);
    expect(await codePeers(s.alice)).toEqual(['Bob']);
    await screenshot(s.alice, 'code', 'concurrent-alice');
    await expectBoth(s, ['answerValue = compute']);
    expect(await codeText(s.alice)).toBe('const my_answerValue = computed(42); // ok');
  });

  it('undo and redo (Ctrl+Z, Ctrl+Shift+Z) by either user of typing inside it', async () => {
    const s = await scenario();
    await selectCode(s.bob, ' = compute', 'start');
    await s.bob.keyboard.type('Value');
    await poll(() => codeHighlightTexts(s.alice)).toEqual(['answerValue = compute']);
    await selectCode(s.alice, ' compute', 'start');
    await s.alice.keyboard.type(' new');
    await poll(() => codeHighlightTexts(s.bob)).toEqual(['answerValue = new compute']);
    // Each undoes only their own typing.
    await s.bob.keyboard.press('Control+z');
    await poll(() => codeHighlightTexts(s.alice)).toEqual(['answer = new compute']);
    await s.alice.keyboard.press('Control+z');
    await poll(() => codeHighlightTexts(s.bob)).toEqual([WORDS]);
    await s.bob.keyboard.press('Control+Shift+KeyZ'); // KeyZ: with Shift held the key is "Z", as a keyboard sends
    await expectBoth(s, ['answerValue = compute']);
    expect(await codeText(s.bob)).toBe('const answerValue = compute(42);');
  });

  it('the words deleted and brought back by Ctrl+Z are highlighted again for both; Ctrl+Shift+Z deletes them again', async () => {
    // Yjs restores deleted characters as new items; the binding of the user who undid re-anchors the highlight on
    // them (a record update), so every replica and every reload agrees.
    const s = await scenario();
    await selectCode(s.bob, WORDS);
    await s.bob.keyboard.press('Backspace');
    await poll(() => codeHighlightTexts(s.alice)).toEqual([]);
    await s.bob.keyboard.press('Control+z');
    await poll(() => codeHighlightTexts(s.alice)).toEqual([WORDS]);
    await s.bob.keyboard.press('Control+Shift+KeyZ');
    await poll(() => codeHighlightTexts(s.alice)).toEqual([]);
    await s.bob.keyboard.press('Control+z');
    await expectBoth(s, [WORDS]);
    expect(await codeText(s.alice)).toBe(LINE);
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
    await Promise.all([waitForCodeSaved(s.alice), waitForCodeSaved(s.bob)]);
    const reloaded = await openCode(s.contexts[1], relay.url, s.doc, 'Bob', { offline: true });
    await poll(() => codeHighlightTexts(reloaded)).toEqual([WORDS]);
    await reloaded.locator('#margin li').first().click();
    expect(await reloaded.getByRole('textbox', { name: 'Note text' }).inputValue()).toBe('Why 42? Ask Deep Thought.');
    await screenshot(reloaded, 'code', 'note-after-reload');
  });

  it('one user offline types inside and after it while the other types before it; both merge to the same words', async () => {
    const s = await scenario();
    await s.bob.getByRole('switch', { name: 'Work offline' }).check();
    await s.bob.waitForFunction(
      () =>
        (window as unknown as { marginaliaCode: { handle: { status: string } } }).marginaliaCode.handle.status ===
        'offline',
      undefined,
      { timeout: CODE_WAIT_MS },
    );
    await selectCode(s.bob, 'compute', 'start');
    await s.bob.keyboard.type('re');
    await selectCode(s.bob, ';', 'end');
    await s.bob.keyboard.type(' // offline');
    await selectCode(s.alice, 'const', 'start');
    await s.alice.keyboard.type('export ');
    await poll(() => codeHighlightTexts(s.bob)).toEqual(['answer = recompute']);
    await s.bob.getByRole('switch', { name: 'Work offline' }).uncheck();
    await expectBoth(s, ['answer = recompute']);
    expect(await codeText(s.alice)).toBe('export const answer = recompute(42); // offline');
  });
});
