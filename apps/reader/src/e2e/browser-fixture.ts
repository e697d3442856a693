import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, newUserContext, screenshot } from './browser.js';
import { startReaderRelay, type ReaderRelay } from './reader-relay.js';

export interface BrowserFixture {
  /** The relay of the file's tests (its members are read when used, once the relay is started). */
  readonly relay: ReaderRelay;
  /** A fresh browser profile for one user (`options` over newUserContext's), closed after the test. */
  newProfile(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * Registers the hooks of an e2e file: the real relay process as `pnpm start` runs it and headless Chromium
 * for all its tests; after each test its profiles are closed, with a screenshot of every page first when it
 * failed (`<failedScenario>-<test>-page<i>.png` under .artifacts/screenshots/).
 */
export function useBrowserFixture(failedScenario: string): BrowserFixture {
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
      const test = task.name.slice(0, 40).replace(/\W+/g, '-');
      await Promise.all(pages.map((page, i) => screenshot(page, failedScenario, `${test}-page${i}`)));
    }
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await relay?.close();
  });
  const started = (): ReaderRelay => {
    if (relay === undefined) throw new Error('the relay is not started yet (used outside a test)');
    return relay;
  };
  return {
    relay: {
      get port() {
        return started().port;
      },
      get url() {
        return started().url;
      },
      get dataDir() {
        return started().dataDir;
      },
      stop: () => started().stop(),
      restart: () => started().restart(),
      close: () => started().close(),
    },
    async newProfile(options) {
      if (browser === undefined) throw new Error('the browser is not launched yet (used outside a test)');
      const context = await newUserContext(browser, options);
      contexts.push(context);
      return context;
    },
  };
}
