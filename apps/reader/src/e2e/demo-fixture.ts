import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { useBrowserFixture } from './browser-fixture.js';
import { DEMO_WAIT_MS, type DemoPage } from './demo-page.js';

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: DEMO_WAIT_MS });

/** Alice and Bob, each in their own browser profile, on one new document of an editor demo. */
export interface Scenario {
  readonly alice: Page;
  readonly bob: Page;
  readonly doc: string;
  readonly contexts: readonly [BrowserContext, BrowserContext];
}

export interface DemoFixture {
  /** Alice opens a new document, `write`s in it and highlights `words` in green; Bob opens it and sees the highlight. */
  scenario(write: (alice: Page) => Promise<void>, words: string): Promise<Scenario>;
  /** Opens the scenario's document again in the profile of `name` (a reload: same IndexedDB). */
  reopen(s: Scenario, name: 'Alice' | 'Bob', options?: { offline?: boolean }): Promise<Page>;
  /**
   * Both see the same text and exactly `expected` highlighted, drawn and listed; again after a reload from
   * IndexedDB alone; then both are online again.
   */
  expectBoth(s: Scenario, expected: string[]): Promise<void>;
}

/** The two-profile fixture of an editor demo's e2e file: see useBrowserFixture for the hooks it registers. */
export function useDemoFixture(demo: DemoPage, label: string): DemoFixture {
  const browser = useBrowserFixture(`${label}-failed`);
  let docs = 0;
  const reopen: DemoFixture['reopen'] = (s, name, options) =>
    demo.open(s.contexts[name === 'Alice' ? 0 : 1], browser.relay.url, s.doc, name, options);
  return {
    reopen,
    async scenario(write, words) {
      const doc = `e2e/${label}-${Date.now()}-${docs++}`;
      const contexts = [await browser.newProfile(), await browser.newProfile()] as const;
      const alice = await demo.open(contexts[0], browser.relay.url, doc, 'Alice');
      await alice.locator(demo.content).click();
      await write(alice);
      await demo.select(alice, words);
      await demo.highlightSelection(alice, 'green');
      const bob = await demo.open(contexts[1], browser.relay.url, doc, 'Bob');
      for (const page of [alice, bob]) await poll(() => demo.highlightTexts(page)).toEqual([words]);
      await bob.locator(demo.content).click();
      return { alice, bob, doc, contexts };
    },
    async expectBoth(s, expected) {
      const { alice, bob } = s;
      await poll(async () => (await demo.text(bob)) === (await demo.text(alice))).toBe(true);
      for (const page of [alice, bob]) {
        await poll(() => demo.highlightTexts(page)).toEqual(expected);
        expect(await demo.drawnTexts(page)).toEqual(expected);
      }
      await Promise.all([demo.waitForSaved(alice), demo.waitForSaved(bob)]);
      const text = await demo.text(alice);
      for (const name of ['Alice', 'Bob'] as const) {
        const reloaded = await reopen(s, name, { offline: true });
        await poll(() => demo.text(reloaded)).toBe(text);
        expect(await demo.highlightTexts(reloaded)).toEqual(expected);
        expect(await demo.drawnTexts(reloaded)).toEqual(expected);
        // "Work offline" in one tab takes every tab of that user offline; going online again does the same.
        await reloaded.getByRole('switch', { name: 'Work offline' }).uncheck();
        await reloaded.close();
      }
      await Promise.all([demo.waitForSaved(alice), demo.waitForSaved(bob)]);
    },
  };
}
