import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, newUserContext, screenshot } from './browser.js';
import { startReaderRelay, type ReaderRelay } from './reader-relay.js';

export interface BrowserFixture {
  /** Where the relay serves the built reader (valid once the file's tests run). */
  relayUrl(): string;
  /** A fresh browser profile for one user, closed after the test. */
  newProfile(): Promise<BrowserContext>;
}

/**
 * Registers the hooks of an e2e file: the real relay process as `pnpm start` runs it and headless Chromium
 * for all its tests; after each test its profiles are closed, with a screenshot of every page first when it
 * failed (`<label>-failed-…` under .artifacts/screenshots/).
 */
export function useBrowserFixture(label: string): BrowserFixture {
  let relay: ReaderRelay | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    relay = await startReaderRelay();
    browser = await launchBrowser();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const pages = contexts.flatMap((c) => c.pages());
      await Promise.all(
        pages.map((page, i) =>
          screenshot(page, `${label}-failed`, `${task.name.slice(0, 40).replace(/\W+/g, '-')}-page${i}`),
        ),
      );
    }
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await relay?.close();
  });
  return {
    relayUrl() {
      if (relay === undefined) throw new Error('the relay is not started (relayUrl outside a test)');
      return relay.url;
    },
    async newProfile() {
      if (browser === undefined) throw new Error('the browser is not launched (newProfile outside a test)');
      const context = await newUserContext(browser);
      contexts.push(context);
      return context;
    },
  };
}
