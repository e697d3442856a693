import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpgradeGateProxy, type UpgradeGateProxy } from '@marginalia/testkit';
import { screenshot } from './browser.js';
import { useBrowserFixture } from './browser-fixture.js';
import {
  WAIT_MS,
  highlightText,
  marks,
  openHighlight,
  openReader,
  typeInNote,
  waitForSaved,
  waitForStatus,
} from './reader-page.js';

// Issue 13: two people behind a proxy that refuses WebSocket upgrades (403) and forwards plain HTTP,
// in real headless Chromium against the relay as `pnpm start` runs it. The pages load through the proxy.
const { relay, newProfile: user } = useBrowserFixture('failed-http-fallback');
let proxy: UpgradeGateProxy;
beforeAll(async () => {
  proxy = await startUpgradeGateProxy(relay.port, { refusing: true });
});
afterAll(async () => {
  await proxy?.close();
});

interface StoredDoc {
  readonly highlights: ReadonlyArray<{ readonly id: string }>;
  readonly notes: ReadonlyArray<{ readonly body: string }>;
}
/** What the relay has stored, asked directly (not through the proxy). */
async function stored(docName: string): Promise<StoredDoc> {
  return (await (await fetch(`${relay.url}v1/docs/${docName}`)).json()) as StoredDoc;
}

describe('websockets blocked by a proxy, HTTP passes', () => {
  it('two people exchange highlights and notes durably over HTTP, then go back to the socket when the proxy allows it', async () => {
    const doc = 'e2e/behind-proxy';
    const base = `${proxy.httpUrl}/`;
    const alice = await openReader(await user(), base, doc, 'Alice', 'Limited connection');
    const bob = await openReader(await user(), base, doc, 'Bob', 'Limited connection');
    const detail = await alice.getByTestId('sync-detail').textContent();
    expect(detail).toMatch(/blocks the live connection/);
    expect(await alice.getByTestId('presence-unavailable').textContent()).toBe("Can't see who's here");
    expect(detail).not.toMatch(/http|websocket|40\d|44\d\d/i);
    await alice.getByTestId('presence-unavailable').waitFor({ timeout: WAIT_MS });
    expect(proxy.counts.upgradesRefused).toBeGreaterThanOrEqual(4);
    expect(proxy.counts.upgradesPassed).toBe(0);

    await highlightText(alice, 'alice/1/2', 0, 6, 'green');
    await waitForSaved(alice);
    await waitForStatus(alice, 'Limited connection');
    await screenshot(alice, '8-http-fallback', '01-alice-saved-over-http');
    await marks(bob, 'alice/1/2').first().waitFor({ timeout: WAIT_MS });

    await openHighlight(bob, 'alice/1/2');
    await bob.getByRole('button', { name: 'Add note' }).click();
    await typeInNote(bob, 'Noted over HTTP.');
    await waitForSaved(bob);
    await screenshot(bob, '8-http-fallback', '02-bob-note-saved-over-http');
    await openHighlight(alice, 'alice/1/2');
    await expect.poll(() => alice.getByTestId('note-text').inputValue(), { timeout: WAIT_MS }).toBe('Noted over HTTP.');
    await screenshot(alice, '8-http-fallback', '03-alice-sees-bobs-note');

    // Durable: the relay has both (read straight from the relay, not through the proxy).
    const onRelay = await stored(doc);
    expect(onRelay.highlights).toHaveLength(1);
    expect(onRelay.notes.map((note) => note.body)).toEqual(['Noted over HTTP.']);
    const postsOf = (): number => proxy.counts.requests[`POST /v1/docs/${doc}/update`] ?? 0;
    expect(postsOf()).toBeGreaterThanOrEqual(2);

    // The proxy lets websockets through again: both are back on the socket, and see each other.
    proxy.allowUpgrades();
    await waitForStatus(alice, 'Saved');
    await waitForStatus(bob, 'Saved');
    expect(proxy.counts.upgradesPassed).toBeGreaterThanOrEqual(2);
    await bob.getByTestId('presence').getByLabel(/Alice/).waitFor({ timeout: WAIT_MS });
    expect(await alice.getByTestId('presence-unavailable').count()).toBe(0);
    const posts = postsOf();
    await typeInNote(alice, ' Back live.');
    await expect
      .poll(() => bob.getByTestId('note-text').inputValue(), { timeout: WAIT_MS })
      .toBe('Noted over HTTP. Back live.');
    await waitForSaved(alice);
    expect(postsOf()).toBe(posts); // over the socket now
    await screenshot(bob, '8-http-fallback', '04-back-on-the-socket');
  });
});
