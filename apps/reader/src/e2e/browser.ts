import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Where screenshots go: `.artifacts/screenshots/` at the repo root (git-ignored, kept by CI). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../.artifacts/screenshots/', import.meta.url));

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's system Chromium, headless, driven by playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh browser profile (its own IndexedDB, localStorage and service worker) for one user; `options` over the defaults. */
export async function newUserContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 860 },
    serviceWorkers: 'allow',
    ...options,
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Saves `<scenario>-<step>.png` under the screenshot folder. */
export async function screenshot(page: Page, scenario: string, step: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${scenario}-${step}.png`) });
}

/** Forwards the page's console errors to the test output, labelled by user. */
export function logPageErrors(page: Page, label: string): void {
  page.on('pageerror', (error) => console.error(`[${label}] page error:`, error.message));
  page.on('console', (message) => {
    // Refused connections are expected while a test has the relay stopped, refused upgrades behind a blocking proxy.
    const expected = ['ERR_CONNECTION_REFUSED', 'Error during WebSocket handshake'];
    if (message.type() === 'error' && !expected.some((text) => message.text().includes(text)))
      console.error(`[${label}] console:`, message.text());
  });
}
