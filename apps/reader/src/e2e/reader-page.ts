import type { BrowserContext, Locator, Page } from 'playwright-core';
import { logPageErrors } from './browser.js';

/** Generous upper bound for anything a test awaits; never a speed assertion. */
export const WAIT_MS = 20_000;

/**
 * Opens the reader on `docName` in a new page and picks a name on the first-visit dialog.
 * Also records every text the sync indicator shows in `window.__statusLog`.
 */
export async function openReader(
  context: BrowserContext,
  baseUrl: string,
  docName: string,
  name: string,
  /** What the indicator says once the page is ready. */
  ready: StatusLabel = 'Saved',
): Promise<Page> {
  const page = await context.newPage();
  logPageErrors(page, name);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.addInitScript(recordStatusChanges);
  await page.goto(`${baseUrl}#doc=${docName}`);
  const nameField = page.getByLabel('Your name', { exact: true });
  if (await nameField.isVisible()) {
    await nameField.fill(name);
    await page.getByRole('button', { name: 'Start reading' }).click();
  }
  await waitForStatus(page, ready);
  return page;
}

/** Runs in the page before the app: logs each change of the sync indicator's label. */
function recordStatusChanges(): void {
  const log: string[] = [];
  const times: number[] = [];
  Object.assign(window, { __statusLog: log, __statusTimes: times });
  const observer = new MutationObserver(() => {
    const text = document.querySelector('[data-testid="sync-label"]')?.textContent ?? '';
    if (text === '' || log[log.length - 1] === text) return;
    log.push(text);
    times.push(Date.now());
  });
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { subtree: true, childList: true, characterData: true }),
  );
}

export function statusLog(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __statusLog: string[] }).__statusLog]);
}

/** When (epoch ms, in the page) the indicator last changed to `label`, if it did. */
export function lastChangeTo(page: Page, label: string): Promise<number | undefined> {
  return page.evaluate((wanted) => {
    const { __statusLog: log, __statusTimes: times } = window as unknown as {
      __statusLog: string[];
      __statusTimes: number[];
    };
    const index = log.lastIndexOf(wanted);
    return index === -1 ? undefined : times[index];
  }, label);
}

export function clearStatusLog(page: Page): Promise<void> {
  return page.evaluate(() => void (window as unknown as { __statusLog: string[] }).__statusLog.splice(0));
}

export type StatusLabel =
  | 'Saved'
  | 'Saving'
  | 'Connecting'
  | 'Working offline'
  | 'No network'
  | "Can't reach the server"
  | 'Not syncing'
  | 'Read-only'
  | 'Limited connection';

export async function waitForStatus(page: Page, label: StatusLabel): Promise<void> {
  await page.locator('[data-testid="sync-label"]', { hasText: new RegExp(`^${label}$`) }).waitFor({ timeout: WAIT_MS });
}

/** Resolves once the indicator says all changes are saved (the relay acknowledged them). */
export async function waitForSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="unsaved"][data-count="0"]').waitFor({ timeout: WAIT_MS });
}

export async function unsavedCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('unsaved').getAttribute('data-count'));
}

export function passage(page: Page, passageId: string): Locator {
  return page.locator(`[data-passage-id="${passageId}"]`);
}

/** Selects characters [start, end) of a passage as a mouse drag would (a real DOM selection). */
export async function selectText(page: Page, passageId: string, start: number, end: number): Promise<void> {
  await passage(page, passageId).evaluate(
    (element, [from, to]) => {
      const point = (target: number): [Node, number] => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let offset = 0;
        let last: Node = element;
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (target <= offset + length) return [node, target - offset];
          offset += length;
          last = node;
        }
        return [last, last.textContent?.length ?? 0];
      };
      const [a, b] = [point(from!), point(to!)];
      document.getSelection()!.setBaseAndExtent(a[0], a[1], b[0], b[1]);
    },
    [start, end],
  );
}

/** Highlights characters [start, end) of a passage in `color` through the selection toolbar. */
export async function highlightText(
  page: Page,
  passageId: string,
  start: number,
  end: number,
  color: string,
): Promise<void> {
  await selectText(page, passageId, start, end);
  await page.getByRole('button', { name: `Highlight ${color}` }).click();
}

/** Highlights the first `words` words of a passage with the keyboard only (Shift+→, then a digit). */
export async function highlightWithKeyboard(
  page: Page,
  passageId: string,
  words: number,
  digit: number,
): Promise<void> {
  await passage(page, passageId).focus();
  for (let i = 0; i < words; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press(String(digit));
}

export function marks(page: Page, passageId?: string): Locator {
  return page.locator(
    passageId === undefined ? 'mark[data-highlight-id]' : `[data-passage-id="${passageId}"] mark[data-highlight-id]`,
  );
}

/** Opens the highlight dock of the first mark in a passage. */
export async function openHighlight(page: Page, passageId: string): Promise<void> {
  await marks(page, passageId).first().click();
  await page.getByTestId('highlight-dock').waitFor({ timeout: WAIT_MS });
}

/** Types at the end of the open note. */
export async function typeInNote(page: Page, text: string): Promise<void> {
  const area = page.getByTestId('note-text');
  await area.click();
  await area.press('End');
  await page.keyboard.press('Control+End');
  await area.pressSequentially(text, { delay: 15 });
}

export async function setOffline(page: Page, offline: boolean): Promise<void> {
  const toggle = page.getByRole('switch', { name: 'Work offline' });
  if (offline) await toggle.check();
  else await toggle.uncheck();
}

/** Selects from character `start` of one passage to character `end` of another (a drag across paragraphs). */
export async function selectAcross(
  page: Page,
  fromId: string,
  start: number,
  toId: string,
  end: number,
): Promise<void> {
  await page.evaluate(
    ([fromId, start, toId, end]) => {
      const point = (element: Element, target: number): [Node, number] => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let offset = 0;
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (target <= offset + length) return [node, target - offset];
          offset += length;
        }
        return [element, element.childNodes.length];
      };
      const a = point(document.querySelector(`[data-passage-id="${fromId}"]`)!, Number(start));
      const b = point(document.querySelector(`[data-passage-id="${toId}"]`)!, Number(end));
      document.getSelection()!.setBaseAndExtent(a[0], a[1], b[0], b[1]);
    },
    [fromId, start, toId, end] as const,
  );
}

/** Resolves once the service worker is active and has cached the app shell. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) throw new Error('no active service worker');
  });
}
