import type { BrowserContext, Page } from 'playwright-core';
import { logPageErrors } from './browser.js';

export const CODE_WAIT_MS = 20_000;

type CodeWindow = {
  marginaliaCode: {
    highlights(): Array<{ id: string; text: string; color: string }>;
    text(): string;
    select(from: number, to: number): void;
    handle: { status: string; unsyncedChanges: number; presence: { others(): Array<{ user: { name: string } }> } };
  };
};

/** Opens the code mode (code.html: CodeMirror 6, y-codemirror.next, @marginalia/codemirror) for one user. */
export async function openCode(
  context: BrowserContext,
  base: string,
  doc: string,
  name: string,
  options: { offline?: boolean } = {},
): Promise<Page> {
  const page = await context.newPage();
  logPageErrors(page, name);
  const search = new URLSearchParams({
    doc,
    user: name.toLowerCase(),
    name,
    ...(options.offline === true ? { offline: '1' } : {}),
  });
  await page.goto(`${base}code.html?${search}`);
  await page.waitForFunction(() => 'marginaliaCode' in window, undefined, { timeout: CODE_WAIT_MS });
  return page;
}

/** What the margin lists: each highlight's words, in document order. */
export const codeHighlightTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as CodeWindow).marginaliaCode.highlights().map((h) => h.text));

/** What CodeMirror draws: the text of the highlight decorations (without a remote caret drawn inside), joined per highlight id. */
export const codeDrawnTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const byId = new Map<string, string>();
    for (const span of document.querySelectorAll<HTMLElement>('.cm-content [data-highlight-id]')) {
      const id = span.dataset.highlightId as string;
      const copy = span.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.cm-ySelectionCaret')) caret.remove();
      byId.set(id, (byId.get(id) ?? '') + copy.textContent);
    }
    return [...byId.values()];
  });

export const codeText = (page: Page): Promise<string> =>
  page.evaluate(() => (window as unknown as CodeWindow).marginaliaCode.text());

/** Selects `words` (their first appearance) in the editor and focuses it; `caret` collapses to one edge. */
export async function selectCode(page: Page, words: string, caret?: 'start' | 'end'): Promise<void> {
  await page.evaluate(
    ([words, caret]) => {
      const api = (window as unknown as CodeWindow).marginaliaCode;
      const start = api.text().indexOf(words);
      if (start < 0) throw new Error(`no ${JSON.stringify(words)} in ${JSON.stringify(api.text())}`);
      const end = start + words.length;
      if (caret === 'start') api.select(start, start);
      else if (caret === 'end') api.select(end, end);
      else api.select(start, end);
    },
    [words, caret ?? null] as const,
  );
}

export async function waitForCodeSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const { handle } = (window as unknown as CodeWindow).marginaliaCode;
      return handle.status === 'synced' && handle.unsyncedChanges === 0;
    },
    undefined,
    { timeout: CODE_WAIT_MS },
  );
}

export const codePeers = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    (window as unknown as CodeWindow).marginaliaCode.handle.presence.others().map((p) => p.user.name),
  );
