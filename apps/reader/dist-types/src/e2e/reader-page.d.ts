import type { BrowserContext, Locator, Page } from 'playwright-core';
/** Generous upper bound for anything a test awaits; never a speed assertion. */
export declare const WAIT_MS = 20000;
/**
 * Opens the reader on `docName` in a new page and picks a name on the first-visit dialog.
 * Also records every text the sync indicator shows in `window.__statusLog`.
 */
export declare function openReader(context: BrowserContext, baseUrl: string, docName: string, name: string): Promise<Page>;
export declare function statusLog(page: Page): Promise<string[]>;
export declare function clearStatusLog(page: Page): Promise<void>;
export declare function waitForStatus(page: Page, label: 'Live' | 'Connecting' | 'Offline'): Promise<void>;
/** Resolves once the indicator says all changes are saved (the relay acknowledged them). */
export declare function waitForSaved(page: Page): Promise<void>;
export declare function unsavedCount(page: Page): Promise<number>;
export declare function passage(page: Page, passageId: string): Locator;
/** Selects characters [start, end) of a passage as a mouse drag would (a real DOM selection). */
export declare function selectText(page: Page, passageId: string, start: number, end: number): Promise<void>;
/** Highlights characters [start, end) of a passage in `color` through the selection toolbar. */
export declare function highlightText(page: Page, passageId: string, start: number, end: number, color: string): Promise<void>;
/** Highlights the first `words` words of a passage with the keyboard only (Shift+→, then a digit). */
export declare function highlightWithKeyboard(page: Page, passageId: string, words: number, digit: number): Promise<void>;
export declare function marks(page: Page, passageId?: string): Locator;
/** Opens the highlight dock of the first mark in a passage. */
export declare function openHighlight(page: Page, passageId: string): Promise<void>;
/** Types at the end of the open note. */
export declare function typeInNote(page: Page, text: string): Promise<void>;
export declare function setOffline(page: Page, offline: boolean): Promise<void>;
/** Selects from character `start` of one passage to character `end` of another (a drag across paragraphs). */
export declare function selectAcross(page: Page, fromId: string, start: number, toId: string, end: number): Promise<void>;
/** Resolves once the service worker is active and has cached the app shell. */
export declare function waitForServiceWorker(page: Page): Promise<void>;
