import { type Browser, type BrowserContext, type Page } from 'playwright-core';
/** Where screenshots go: `.artifacts/screenshots/` at the repo root (git-ignored, kept by CI). */
export declare const SCREENSHOT_DIR: string;
/** Debian's system Chromium, headless, driven by playwright-core. */
export declare function launchBrowser(): Promise<Browser>;
/** A fresh browser profile (its own IndexedDB, localStorage and service worker) for one user. */
export declare function newUserContext(browser: Browser): Promise<BrowserContext>;
/** Saves `<scenario>-<step>.png` under the screenshot folder. */
export declare function screenshot(page: Page, scenario: string, step: string): Promise<void>;
/** Forwards the page's console errors to the test output, labelled by user. */
export declare function logPageErrors(page: Page, label: string): void;
