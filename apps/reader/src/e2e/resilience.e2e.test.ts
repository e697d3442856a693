import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.js';
import { useBrowserFixture } from './browser-fixture.js';
import {
  WAIT_MS,
  highlightText,
  lastChangeTo,
  marks,
  openHighlight,
  openReader,
  setOffline,
  typeInNote,
  unsavedCount,
  waitForSaved,
  waitForStatus,
} from './reader-page.js';

// The reader's answers to issue 13, in real headless Chromium against the relay as `pnpm start` runs it.
const { relay, newProfile: user } = useBrowserFixture('failed');

describe('the reader never wedges and says where it stands', () => {
  it('a 2.5 MB paste into a note is refused in plain words, and later edits still reach the other person', async () => {
    const doc = 'e2e/big-paste';
    const alice = await openReader(await user(), relay.url, doc, 'Alice');
    const bob = await openReader(await user(), relay.url, doc, 'Bob');
    await highlightText(alice, 'alice/1/2', 0, 6, 'green');
    await openHighlight(alice, 'alice/1/2');
    await alice.getByRole('button', { name: 'Add note' }).click();
    await typeInNote(alice, 'Before.');
    await waitForSaved(alice);

    const area = alice.getByTestId('note-text');
    // A paste: the textarea's value grows by 2.5 MB in one input event (what React's onChange sees).
    await area.evaluate((element, length) => {
      const area = element as HTMLTextAreaElement;
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      setValue?.call(area, `${area.value}${'x'.repeat(length)}`);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, 2_500_000);
    const banner = alice.getByRole('alert');
    await banner.getByText(/This note is too large to sync: 2\.5 MB of at most 2 MB/).waitFor({ timeout: WAIT_MS });
    expect(await banner.textContent()).not.toMatch(/44\d\d|close/i);
    await expect.poll(() => area.inputValue(), { timeout: WAIT_MS }).toBe('Before.');
    await screenshot(alice, '5-too-large', '01-paste-refused');

    await typeInNote(alice, ' After.');
    await waitForSaved(alice);
    await waitForStatus(alice, 'Saved');
    await openHighlight(bob, 'alice/1/2');
    await expect.poll(() => bob.getByTestId('note-text').inputValue(), { timeout: WAIT_MS }).toBe('Before. After.');
    await screenshot(alice, '5-too-large', '02-later-edits-saved');
  });

  it('relay stopped: "Can\'t reach the server" with a countdown and Retry now; saved within 2 s of the relay coming back', async () => {
    const doc = 'e2e/restart';
    const alice = await openReader(await user(), relay.url, doc, 'Alice');
    await highlightText(alice, 'alice/1/3', 0, 10, 'yellow');
    await waitForSaved(alice);

    await relay.stop();
    await waitForStatus(alice, "Can't reach the server");
    await alice
      .getByTestId('sync-detail')
      .getByText(/Trying again/)
      .waitFor({ timeout: WAIT_MS });
    await alice.getByRole('button', { name: 'Retry now' }).waitFor({ timeout: WAIT_MS });
    await highlightText(alice, 'alice/1/4', 0, 10, 'pink');
    expect(await unsavedCount(alice)).toBe(1);
    await screenshot(alice, '6-unreachable', '01-cant-reach-the-server');

    await relay.restart();
    const back = Date.now();
    await waitForStatus(alice, 'Saved');
    await waitForSaved(alice);
    // Measured in the page (when the indicator changed), not by the test's polling of it.
    const took = ((await lastChangeTo(alice, 'Saved')) ?? Number.POSITIVE_INFINITY) - back;
    expect(took).toBeLessThan(2_000);
    await screenshot(alice, '6-unreachable', '02-saved-after-restart');
  });

  it('working offline and back: the other person sees Alice again within 1 s; no-network says so', async () => {
    const doc = 'e2e/presence-back';
    const aliceContext = await user();
    const alice = await openReader(aliceContext, relay.url, doc, 'Alice');
    const bob = await openReader(await user(), relay.url, doc, 'Bob');
    const aliceAtBob = bob.getByTestId('presence').getByLabel(/Alice/);
    await aliceAtBob.waitFor({ timeout: WAIT_MS });

    await setOffline(alice, true);
    await waitForStatus(alice, 'Working offline');
    await aliceAtBob.waitFor({ state: 'detached', timeout: WAIT_MS });
    await screenshot(alice, '7-presence', '01-working-offline');
    await setOffline(alice, false);
    const back = Date.now();
    await aliceAtBob.waitFor({ timeout: WAIT_MS });
    expect(Date.now() - back).toBeLessThan(1_000);
    await waitForStatus(alice, 'Saved');
    await screenshot(bob, '7-presence', '02-bob-sees-alice-again');

    await aliceContext.setOffline(true);
    await waitForStatus(alice, 'No network');
    await screenshot(alice, '7-presence', '03-no-network');
    await aliceContext.setOffline(false);
    const online = Date.now();
    await aliceAtBob.waitFor({ timeout: WAIT_MS });
    await waitForStatus(alice, 'Saved');
    expect(Date.now() - online).toBeLessThan(WAIT_MS);
    expect(await marks(bob).count()).toBe(0);
  });
});
