import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { logPageErrors } from './browser.js';

export const DEMO_WAIT_MS = 20_000;

/** What both demos publish on `window` (apps/reader/src/editor/demo-shell.ts, `demoPageApi` and `text`). */
interface DemoApi {
  highlights(): Array<{ id: string; text: string; color: string }>;
  text(): string;
  handle: { status: string; unsyncedChanges: number; presence: { others(): Array<{ user: { name: string } }> } };
}
type DemoWindow = Record<string, DemoApi | undefined>;

/** Selects `words` (their first appearance) in the editor and focuses it; `caret` collapses to one edge. */
export type SelectWords = (page: Page, words: string, caret?: 'start' | 'end') => Promise<void>;

/** One editor demo page (editor.html, code.html), as the tests drive it. */
export interface DemoPageSpec {
  /** The page of the built reader. */
  readonly file: string;
  /** The name of its test API on `window`. */
  readonly global: string;
  /** The editor's content element: clicked to type, and where the highlights are drawn. */
  readonly content: string;
  /** A remote caret the editor draws inside highlight spans, left out of the drawn texts. */
  readonly caret?: string;
  readonly select: SelectWords;
}

export interface DemoPage extends DemoPageSpec {
  /** Opens the page for one user (`?user=` from the name); `offline` starts it disconnected (IndexedDB alone). */
  open(
    context: BrowserContext,
    base: string,
    doc: string,
    name: string,
    options?: { offline?: boolean },
  ): Promise<Page>;
  /** What the margin lists: each highlight's words, in document order. */
  highlightTexts(page: Page): Promise<string[]>;
  /** What the editor draws: the text of the highlight decorations, joined per highlight id. */
  drawnTexts(page: Page): Promise<string[]>;
  /** The document's text as the demo's `text()` gives it. */
  text(page: Page): Promise<string>;
  /** Highlights the current selection with the toolbar button of `color`. */
  highlightSelection(page: Page, color?: string): Promise<void>;
  /** Synced with the relay and nothing left unsynced. */
  waitForSaved(page: Page): Promise<void>;
  /** Switches "Work offline" on and waits until the page is disconnected. */
  goOffline(page: Page): Promise<void>;
  /** The names of the others present. */
  peers(page: Page): Promise<string[]>;
}

export function createDemoPage(spec: DemoPageSpec): DemoPage {
  const { global } = spec;
  const waitForStatus = (page: Page, wanted: 'synced' | 'offline'): Promise<unknown> =>
    page.waitForFunction(
      ([global, wanted]) => {
        const { handle } = (window as unknown as DemoWindow)[global] as DemoApi;
        return handle.status === wanted && (wanted === 'offline' || handle.unsyncedChanges === 0);
      },
      [global, wanted] as const,
      { timeout: DEMO_WAIT_MS },
    );
  return {
    ...spec,
    async open(context, base, doc, name, options = {}) {
      const page = await context.newPage();
      logPageErrors(page, name);
      const search = new URLSearchParams({
        doc,
        user: name.toLowerCase(),
        name,
        ...(options.offline === true ? { offline: '1' } : {}),
      });
      await page.goto(`${base}${spec.file}?${search}`);
      await page.waitForFunction((global) => global in window, global, { timeout: DEMO_WAIT_MS });
      return page;
    },
    highlightTexts: (page) =>
      page.evaluate(
        (global) => ((window as unknown as DemoWindow)[global] as DemoApi).highlights().map((h) => h.text),
        global,
      ),
    drawnTexts: (page) =>
      page.evaluate(
        ([content, caret]) => {
          const byId = new Map<string, string>();
          for (const span of document.querySelectorAll<HTMLElement>(`${content} [data-highlight-id]`)) {
            const id = span.dataset.highlightId as string;
            const copy = span.cloneNode(true) as HTMLElement;
            if (caret !== null) for (const drawn of copy.querySelectorAll(caret)) drawn.remove();
            byId.set(id, (byId.get(id) ?? '') + copy.textContent);
          }
          return [...byId.values()];
        },
        [spec.content, spec.caret ?? null] as const,
      ),
    text: (page) => page.evaluate((global) => ((window as unknown as DemoWindow)[global] as DemoApi).text(), global),
    async highlightSelection(page, color = 'yellow') {
      await page.locator(`#colors button[data-color="${color}"]`).click();
    },
    async waitForSaved(page) {
      await waitForStatus(page, 'synced');
    },
    async goOffline(page) {
      await page.getByRole('switch', { name: 'Work offline' }).check();
      await waitForStatus(page, 'offline');
    },
    peers: (page) =>
      page.evaluate(
        (global) =>
          ((window as unknown as DemoWindow)[global] as DemoApi).handle.presence.others().map((p) => p.user.name),
        global,
      ),
  };
}
