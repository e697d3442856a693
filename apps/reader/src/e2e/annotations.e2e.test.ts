import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { alice as book } from '../text/alice.js';
import { indexPassages } from '../text/book.js';
import { screenshot } from './browser.js';
import { useBrowserFixture } from './browser-fixture.js';
import {
  WAIT_MS,
  highlightText,
  marks,
  openHighlight,
  openReader,
  selectText,
  setOffline,
  typeInNote,
  waitForSaved,
  waitForStatus,
} from './reader-page.js';

// Issue 14 in real Chromium against the relay as `pnpm start` runs it: orphans, unread per item, the activity
// feed and toasts, overlapping highlights, and a selection that survives remote changes. Two people each time.
const passages = indexPassages(book);
const textOf = (id: string) => passages.get(id)!.text;

const { relay, newProfile } = useBrowserFixture('failed');
const user = (viewport?: { width: number; height: number }): Promise<BrowserContext> =>
  newProfile(viewport === undefined ? {} : { viewport, hasTouch: true, isMobile: true });

/** A second device of the same person: a fresh browser profile that already has their saved name and id. */
async function sameUserOn(page: Page): Promise<BrowserContext> {
  const saved = await page.evaluate(() => localStorage.getItem('marginalia.user'));
  const context = await user();
  await context.addInitScript((value) => localStorage.setItem('marginalia.user', value!), saved);
  return context;
}

const unreadCount = async (page: Page) =>
  (await page.getByTestId('unread-count').count()) === 0
    ? 0
    : Number(await page.getByTestId('unread-count').textContent());
const unreadCards = (page: Page) => page.locator('[data-testid="highlight-list"] button[data-unread]');

describe('orphans', () => {
  it('a note written offline on a highlight the other person removed offline survives as an orphan and can be re-attached', async () => {
    const doc = 'e2e/orphans';
    const alice = await openReader(await user(), relay.url, doc, 'Alice');
    const bob = await openReader(await user(), relay.url, doc, 'Bob');
    const start = textOf('alice/1/1').indexOf('very tired');
    await highlightText(alice, 'alice/1/1', start, start + 10, 'yellow');
    await marks(bob, 'alice/1/1').first().waitFor({ timeout: WAIT_MS });
    await waitForSaved(alice);

    await setOffline(alice, true);
    await setOffline(bob, true);
    await waitForStatus(alice, 'Working offline');
    await waitForStatus(bob, 'Working offline');
    await openHighlight(alice, 'alice/1/1');
    await alice.getByRole('button', { name: 'Remove highlight' }).click();
    await openHighlight(bob, 'alice/1/1');
    await bob.getByRole('button', { name: 'Add note' }).click();
    await typeInNote(bob, 'Written offline by Bob.');
    await screenshot(bob, '6-orphans', '01-bob-writes-offline');

    await setOffline(alice, false);
    await setOffline(bob, false);
    await waitForSaved(alice);
    await waitForSaved(bob);
    for (const page of [alice, bob]) {
      const orphan = page.getByTestId('orphans').locator('.orphan');
      await orphan.waitFor({ timeout: WAIT_MS });
      await expect.poll(() => orphan.textContent(), { timeout: WAIT_MS }).toContain('Written offline by Bob.');
      expect(await orphan.textContent()).toContain('“very tired”');
      expect(await orphan.textContent()).toContain('highlight removed by Alice');
      expect(await marks(page, 'alice/1/1').count()).toBe(0);
    }
    await screenshot(alice, '6-orphans', '02-alice-sees-the-orphan');

    await alice.getByTestId('orphans').getByRole('button', { name: 'Re-attach' }).click();
    await alice.getByTestId('note-text').waitFor({ timeout: WAIT_MS });
    expect(await alice.getByTestId('note-text').inputValue()).toBe('Written offline by Bob.');
    await marks(bob, 'alice/1/1').first().waitFor({ timeout: WAIT_MS });
    expect(await marks(bob, 'alice/1/1').first().textContent()).toBe('very tired');
    await bob.getByTestId('orphans').waitFor({ state: 'detached', timeout: WAIT_MS });
    await openHighlight(bob, 'alice/1/1');
    expect(await bob.getByTestId('note-text').inputValue()).toBe('Written offline by Bob.');
    await screenshot(bob, '6-orphans', '03-reattached');
  });
});

describe('unread per item', () => {
  it('is per item, follows one person to a second device and survives a reload; seen = on screen long enough', async () => {
    const doc = 'e2e/unread-items';
    const laptop = await openReader(await user(), relay.url, doc, 'Bob');
    const alice = await openReader(await user(), relay.url, doc, 'Alice');
    await highlightText(alice, 'alice/2/2', 0, 20, 'green');
    await highlightText(alice, 'alice/3/4', 0, 20, 'pink');
    await expect.poll(() => unreadCount(laptop), { timeout: WAIT_MS }).toBe(2);

    // Opening one item reads that one only.
    await laptop.locator('[data-testid="highlight-list"] button[data-unread]').first().click();
    await expect.poll(() => unreadCount(laptop), { timeout: WAIT_MS }).toBe(1);
    const opened = await laptop.getByTestId('highlight-dock').getAttribute('data-highlight-id');
    await waitForSaved(laptop);
    await screenshot(laptop, '7-unread-items', '01-laptop-opened-one');

    const phone = await openReader(await sameUserOn(laptop), relay.url, doc, 'Bob');
    await expect.poll(() => unreadCount(phone), { timeout: WAIT_MS }).toBe(1);
    expect(await unreadCards(phone).count()).toBe(1);
    expect(await unreadCards(phone).first().getAttribute('data-highlight-id')).not.toBe(opened);
    await phone.reload();
    await waitForStatus(phone, 'Saved');
    await expect.poll(() => unreadCount(phone), { timeout: WAIT_MS }).toBe(1);
    await screenshot(phone, '7-unread-items', '02-second-device-after-reload');

    // Scrolling the other mark into view and leaving it there reads it, on both devices.
    await marks(phone, 'alice/3/4').first().scrollIntoViewIfNeeded();
    await expect.poll(() => unreadCount(phone), { timeout: WAIT_MS }).toBe(0);
    await expect.poll(() => unreadCount(laptop), { timeout: WAIT_MS }).toBe(0);
    // Alice's own highlights were never unread for her.
    expect(await unreadCount(alice)).toBe(0);
    await screenshot(laptop, '7-unread-items', '03-read-everywhere');
  });
});

describe('activity feed and toasts', () => {
  it('shows a toast on a 390x844 phone that hides itself, and the grouped feed after a reload, clickable', async () => {
    const doc = 'e2e/activity';
    const bob = await openReader(await user({ width: 390, height: 844 }), relay.url, doc, 'Bob 🦊');
    const alice = await openReader(await user(), relay.url, doc, 'Alice');
    const header = await bob.locator('.app-header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(844 * 0.08);
    expect(await bob.locator('#keyboard-help').isVisible()).toBe(false);

    await highlightText(alice, 'alice/1/2', 0, 12, 'yellow');
    await highlightText(alice, 'alice/1/3', 0, 20, 'blue');
    await openHighlight(alice, 'alice/1/2');
    await alice.getByRole('button', { name: 'Add note' }).click();
    await typeInNote(alice, 'A daisy-chain!');
    const toast = bob.getByTestId('toast');
    await toast.waitFor({ timeout: WAIT_MS });
    const box = await toast.boundingBox();
    expect(box !== null && box.y >= 0 && box.y + box.height <= 844 && box.x >= 0 && box.x + box.width <= 390).toBe(
      true,
    );
    await expect
      .poll(() => toast.textContent(), { timeout: WAIT_MS })
      .toMatch(/^Alice added 2 highlights and wrote a note/);
    await screenshot(bob, '8-activity', '01-phone-toast');
    await toast.waitFor({ state: 'detached', timeout: WAIT_MS });
    await waitForSaved(alice);

    await bob.reload();
    await waitForStatus(bob, 'Saved');
    const feed = bob.getByTestId('activity');
    await feed.scrollIntoViewIfNeeded();
    const group = feed.locator('.activity-group[data-user]').first();
    await expect
      .poll(() => group.textContent(), { timeout: WAIT_MS })
      .toContain('Alice added 2 highlights and wrote a note');
    await group.locator('summary').click();
    const entries = group.locator('.activity-entry');
    expect(await entries.count()).toBeGreaterThanOrEqual(3);
    expect(await group.locator('.activity-entry[data-type="note.created"]').textContent()).toContain(
      'wrote a note on “So she was c”',
    );
    await screenshot(bob, '8-activity', '02-phone-feed-after-reload');
    await group.locator('.activity-entry[data-type="highlight.created"]').last().click();
    await bob.getByTestId('highlight-dock').waitFor({ timeout: WAIT_MS });
    // The passage is on screen: below the header, above the panel.
    const onScreen = async () => {
      const mark = (await marks(bob, 'alice/1/2').first().boundingBox())!;
      const top = (await bob.locator('.app-header').boundingBox())!;
      const dock = (await bob.getByTestId('highlight-dock').boundingBox())!;
      return mark.y >= top.y + top.height && mark.y + mark.height <= dock.y;
    };
    await expect.poll(onScreen, { timeout: WAIT_MS }).toBe(true);
    await screenshot(bob, '8-activity', '03-phone-jumped-to-passage');
  });
});

describe('overlapping highlights', () => {
  it('draws both people’s highlights on the same words and lets either be opened', async () => {
    const doc = 'e2e/overlap';
    const alice = await openReader(await user(), relay.url, doc, 'Alice');
    const bob = await openReader(await user(), relay.url, doc, 'Bob');
    await highlightText(alice, 'alice/1/2', 0, 40, 'yellow');
    await marks(bob, 'alice/1/2').first().waitFor({ timeout: WAIT_MS });
    await highlightText(bob, 'alice/1/2', 20, 60, 'blue');
    for (const page of [alice, bob]) {
      const overlap = page.locator('[data-passage-id="alice/1/2"] mark[data-overlap="2"]');
      await overlap.waitFor({ timeout: WAIT_MS });
      expect(await overlap.textContent()).toBe(textOf('alice/1/2').slice(20, 40));
      expect(await overlap.evaluate((el) => getComputedStyle(el).backgroundImage)).toMatch(/repeating-linear-gradient/);
    }
    await screenshot(alice, '9-overlap', '01-stripes');
    const ids: string[] = [];
    for (const author of ['Alice', 'Bob']) {
      await alice.locator('[data-passage-id="alice/1/2"] mark[data-overlap="2"]').click();
      const chooser = alice.getByTestId('overlap-chooser');
      await chooser.waitFor({ timeout: WAIT_MS });
      expect(await chooser.locator('button').count()).toBe(2);
      if (author === 'Alice') await screenshot(alice, '9-overlap', '02-chooser');
      await chooser.getByRole('button', { name: new RegExp(`by ${author}`) }).click();
      const dock = alice.getByTestId('highlight-dock');
      await expect.poll(() => dock.textContent(), { timeout: WAIT_MS }).toContain(`by ${author}`);
      ids.push((await dock.getAttribute('data-highlight-id'))!);
      await alice.getByRole('button', { name: 'Close highlight' }).click();
    }
    expect(new Set(ids).size).toBe(2);
  });
});

describe('a selection in progress', () => {
  it('survives a remote highlight arriving in the same paragraph, colour panel and all', async () => {
    const doc = 'e2e/selection';
    const alice = await openReader(await user(), relay.url, doc, 'Alice');
    const bob = await openReader(await user(), relay.url, doc, 'Bob');
    const text = textOf('alice/1/3');
    const start = text.indexOf('Oh dear!');
    await selectText(bob, 'alice/1/3', start, start + 8);
    await bob.getByTestId('selection-dock').waitFor({ timeout: WAIT_MS });
    await highlightText(alice, 'alice/1/3', 0, 25, 'pink');
    await marks(bob, 'alice/1/3').first().waitFor({ timeout: WAIT_MS });
    expect(await bob.evaluate(() => document.getSelection()?.toString())).toBe('Oh dear!');
    expect(await bob.getByTestId('selection-dock').isVisible()).toBe(true);
    await screenshot(bob, '10-selection', '01-selection-kept');
    await bob.getByRole('button', { name: 'Highlight green' }).click();
    const green = alice.locator('[data-passage-id="alice/1/3"] mark[data-color="green"]');
    await green.waitFor({ timeout: WAIT_MS });
    expect(await green.textContent()).toBe('Oh dear!');
    await screenshot(alice, '10-selection', '02-both-highlights');
  });
});
