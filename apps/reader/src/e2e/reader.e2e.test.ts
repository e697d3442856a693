import { describe, expect, it } from 'vitest';
import { alice as book } from '../text/alice.js';
import { indexPassages } from '../text/book.js';
import { screenshot } from './browser.js';
import { useBrowserFixture } from './browser-fixture.js';
import {
  WAIT_MS,
  clearStatusLog,
  highlightText,
  highlightWithKeyboard,
  marks,
  openHighlight,
  openReader,
  setOffline,
  statusLog,
  typeInNote,
  unsavedCount,
  waitForSaved,
  selectAcross,
  waitForServiceWorker,
  waitForStatus,
} from './reader-page.js';

// The reader in real headless Chromium against the real relay process, started as `pnpm start`
// starts it (built reader, SQLite in a temp DATA_DIR, a free port).
const passages = indexPassages(book);
const textOf = (id: string) => passages.get(id)!.text;

const { relay, newProfile: user } = useBrowserFixture('failed');

describe('the reader, two people on one document', () => {
  it('shows a highlight to the other person, shares the note both type in, and shows presence and typing', async () => {
    const doc = 'e2e/live';
    const alice = await openReader(await user(), relay.url, doc, 'Alice');
    const bob = await openReader(await user(), relay.url, doc, 'Bob');
    await alice.locator('[data-testid="presence"] li[data-peer="Bob"]').waitFor({ timeout: WAIT_MS });
    await bob.locator('[data-testid="presence"] li[data-peer="Alice"]').waitFor({ timeout: WAIT_MS });
    await screenshot(alice, '1-live', '01-both-here');

    // Alice highlights "very tired" in the first paragraph; Bob sees it.
    const start = textOf('alice/1/1').indexOf('very tired');
    await highlightText(alice, 'alice/1/1', start, start + 'very tired'.length, 'yellow');
    await marks(bob, 'alice/1/1').first().waitFor({ timeout: WAIT_MS });
    expect(await marks(bob, 'alice/1/1').first().textContent()).toBe('very tired');
    expect(await marks(bob, 'alice/1/1').first().getAttribute('data-color')).toBe('yellow');
    await screenshot(bob, '1-live', '02-bob-sees-highlight');

    // Alice writes a note on it; Bob opens it and adds his words; both see both.
    await openHighlight(alice, 'alice/1/1');
    await alice.getByRole('button', { name: 'Add note' }).click();
    await typeInNote(alice, 'Alice is bored.');
    await openHighlight(bob, 'alice/1/1');
    const bobNote = bob.getByTestId('note-text');
    await expect.poll(() => bobNote.inputValue(), { timeout: WAIT_MS }).toBe('Alice is bored.');
    await typeInNote(bob, ' Bob agrees.');
    await alice.getByTestId('typing').getByText('Bob is typing').waitFor({ timeout: WAIT_MS });
    await screenshot(alice, '1-live', '03-alice-sees-bob-typing');
    await expect
      .poll(() => alice.getByTestId('note-text').inputValue(), { timeout: WAIT_MS })
      .toBe('Alice is bored. Bob agrees.');
    await alice
      .locator('[data-testid="presence"] li[data-peer="Bob"] [aria-label*="typing"]')
      .waitFor({ timeout: WAIT_MS });

    // Bob highlights with the keyboard only; Alice sees the colour he picked.
    await bob.getByRole('button', { name: 'Close highlight' }).click();
    await highlightWithKeyboard(bob, 'alice/1/4', 3, 3);
    const bobMark = marks(alice, 'alice/1/4').first();
    await bobMark.waitFor({ timeout: WAIT_MS });
    expect(await bobMark.textContent()).toBe('In another moment');
    expect(await bobMark.getAttribute('data-color')).toBe('blue');
    await screenshot(alice, '1-live', '04-alice-sees-keyboard-highlight');

    // Alice recolours hers, Bob removes his; each sees the other's change.
    await openHighlight(alice, 'alice/1/1');
    await alice.getByRole('button', { name: 'Recolour pink' }).click();
    await bob.locator('[data-passage-id="alice/1/1"] mark[data-color="pink"]').waitFor({ timeout: WAIT_MS });
    await openHighlight(bob, 'alice/1/4');
    await bob.getByRole('button', { name: 'Remove highlight' }).click();
    await marks(alice, 'alice/1/4').first().waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(await marks(alice).count()).toBe(1);
    await screenshot(bob, '1-live', '05-recoloured-and-removed');
  });
});

describe('the reader offline', () => {
  it('keeps offline edits and merges them with the other person’s: Working offline -> Saved, 0 unsaved', async () => {
    const doc = 'e2e/offline';
    const alice = await openReader(await user(), relay.url, doc, 'Alice');
    const bob = await openReader(await user(), relay.url, doc, 'Bob');
    await highlightText(alice, 'alice/1/2', 0, 6, 'green');
    await openHighlight(alice, 'alice/1/2');
    await alice.getByRole('button', { name: 'Add note' }).click();
    await typeInNote(alice, 'Shared.');
    await waitForSaved(alice);
    await openHighlight(bob, 'alice/1/2');
    await expect.poll(() => bob.getByTestId('note-text').inputValue(), { timeout: WAIT_MS }).toBe('Shared.');

    await clearStatusLog(alice);
    await setOffline(alice, true);
    await waitForStatus(alice, 'Working offline');
    await typeInNote(alice, ' Alice offline.');
    await alice.getByRole('button', { name: 'Close highlight' }).click();
    await highlightText(alice, 'alice/1/5', 4, 15, 'pink');
    await highlightText(alice, 'alice/1/6', 0, 6, 'purple');
    expect(await unsavedCount(alice)).toBeGreaterThan(0);
    await alice.getByText(/changes? not yet saved/).waitFor({ timeout: WAIT_MS });
    await typeInNote(bob, ' Bob online.');
    await screenshot(alice, '2-offline', '01-alice-offline-with-unsaved');
    await screenshot(bob, '2-offline', '02-bob-online-meanwhile');

    await setOffline(alice, false);
    await waitForStatus(alice, 'Saved');
    await waitForSaved(alice);
    const log = await statusLog(alice);
    // A reconnect that works at once shows no "Connecting" (debounced): Working offline, then Saved.
    expect(log.slice(log.indexOf('Working offline'))).toEqual(expect.arrayContaining(['Working offline', 'Saved']));
    expect(log.lastIndexOf('Saved')).toBeGreaterThan(log.indexOf('Working offline'));

    const merged = async (page: typeof alice) => {
      if (!(await page.getByTestId('note-text').isVisible())) await openHighlight(page, 'alice/1/2');
      return page.getByTestId('note-text').inputValue();
    };
    await expect.poll(() => merged(alice), { timeout: WAIT_MS }).toMatch(/Alice offline\./);
    await expect.poll(() => merged(alice), { timeout: WAIT_MS }).toMatch(/Bob online\./);
    await expect.poll(() => merged(bob), { timeout: WAIT_MS }).toBe(await merged(alice));
    await marks(bob, 'alice/1/6').first().waitFor({ timeout: WAIT_MS });
    expect(await marks(bob).count()).toBe(3);
    await screenshot(alice, '2-offline', '03-alice-back-live');
    await screenshot(bob, '2-offline', '04-bob-merged');
  });
});

describe('the reader with the relay down', () => {
  it('reloads from the service worker and IndexedDB, keeps new edits, and syncs when the relay is back', async () => {
    const doc = 'e2e/reload';
    const alice = await openReader(await user(), relay.url, doc, 'Alice');
    await highlightText(alice, 'alice/2/3', 0, 9, 'orange');
    await highlightText(alice, 'alice/2/4', 0, 10, 'green');
    await openHighlight(alice, 'alice/2/3');
    await alice.getByRole('button', { name: 'Add note' }).click();
    await typeInNote(alice, 'Nine feet high!');
    await waitForSaved(alice);
    await waitForServiceWorker(alice);

    await relay.stop();
    await alice.reload();
    await marks(alice, 'alice/2/4').first().waitFor({ timeout: WAIT_MS });
    expect(await marks(alice).count()).toBe(2);
    await openHighlight(alice, 'alice/2/3');
    expect(await alice.getByTestId('note-text').inputValue()).toBe('Nine feet high!');
    expect(await alice.getByTestId('sync-label').textContent()).not.toBe('Saved');
    await screenshot(alice, '3-relay-down', '01-reloaded-from-local-data');

    // An edit while the relay is down waits in IndexedDB...
    await alice.getByRole('button', { name: 'Close highlight' }).click();
    await highlightText(alice, 'alice/2/5', 0, 26, 'pink');
    expect(await unsavedCount(alice)).toBeGreaterThan(0);
    await screenshot(alice, '3-relay-down', '02-edit-while-down');

    // ...and goes out when the relay is back, with no user action.
    await relay.restart();
    await waitForStatus(alice, 'Saved');
    await waitForSaved(alice);
    await screenshot(alice, '3-relay-down', '03-synced-after-restart');
    const bob = await openReader(await user(), relay.url, doc, 'Bob');
    await marks(bob, 'alice/2/5').first().waitFor({ timeout: WAIT_MS });
    expect(await marks(bob).count()).toBe(3);
    await screenshot(bob, '3-relay-down', '04-bob-sees-everything');
  });
});

describe('unread markers and notifications', () => {
  it("keep the other person's changes unread across a reload until they are opened", async () => {
    const doc = 'e2e/unread';
    const bob = await openReader(await user(), relay.url, doc, 'Bob');
    const alice = await openReader(await user(), relay.url, doc, 'Alice');

    // One drag over two paragraphs: two highlights in one burst.
    await selectAcross(alice, 'alice/1/7', 0, 'alice/1/8', 19);
    await alice.getByRole('button', { name: 'Highlight yellow' }).click();
    await bob.getByTestId('notifications').getByText('Alice added 2 highlights').waitFor({ timeout: WAIT_MS });
    const unread = bob.locator('[data-testid="highlight-list"] [data-unread]');
    await expect.poll(() => unread.count(), { timeout: WAIT_MS }).toBe(2);
    expect(await bob.getByTestId('unread-count').textContent()).toBe('2');
    await screenshot(bob, '4-unread', '01-notification-and-markers');

    await bob.reload();
    await waitForStatus(bob, 'Saved');
    await expect.poll(() => unread.count(), { timeout: WAIT_MS }).toBe(2);
    expect(await bob.getByTestId('unread-count').textContent()).toBe('2');
    expect(await marks(bob, 'alice/1/7').first().getAttribute('data-unread')).toBe('true');
    await screenshot(bob, '4-unread', '02-still-unread-after-reload');

    await bob.locator('[data-testid="highlight-list"] button[data-unread]').first().click();
    await expect.poll(() => unread.count(), { timeout: WAIT_MS }).toBe(0);
    await waitForSaved(bob);
    await bob.reload();
    await waitForStatus(bob, 'Saved');
    await marks(bob, 'alice/1/8').first().waitFor({ timeout: WAIT_MS });
    expect(await unread.count()).toBe(0);
    expect(await bob.getByTestId('unread-count').count()).toBe(0);
    await screenshot(bob, '4-unread', '03-read-after-opening');

    // Another document by name, then back by link.
    await bob.getByLabel('Document name').fill('e2e/another-scope');
    await bob.getByRole('button', { name: 'Open', exact: true }).click();
    await bob.waitForURL(/#doc=e2e\/another-scope$/);
    await waitForStatus(bob, 'Saved');
    expect(await marks(bob).count()).toBe(0);
    await bob.goto(`${relay.url}#doc=${doc}`);
    await marks(bob, 'alice/1/8').first().waitFor({ timeout: WAIT_MS });
  });
});

describe('the reader on a narrow screen, by keyboard', () => {
  it('fits a phone-sized viewport, labels every control, and highlights with the keyboard alone', async () => {
    const context = await user({ viewport: { width: 375, height: 740 } });
    const page = await openReader(context, relay.url, 'e2e/narrow', 'Nora');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const unlabelled = await page.locator('button, input, textarea, select').evaluateAll((elements) =>
      elements
        .filter((el) => {
          const labelled =
            el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.getAttribute('title');
          const labels = (el as HTMLInputElement).labels;
          return !labelled && !(labels && labels.length > 0) && !(el.textContent ?? '').trim();
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    await highlightWithKeyboard(page, 'alice/1/4', 3, 2);
    const mark = marks(page, 'alice/1/4').first();
    await mark.waitFor({ timeout: WAIT_MS });
    expect(await mark.textContent()).toBe('In another moment');
    expect(await mark.getAttribute('data-color')).toBe('green');
    const box = await mark.boundingBox();
    expect(box !== null && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    await screenshot(page, '5-narrow', '01-keyboard-highlight');
  });
});
