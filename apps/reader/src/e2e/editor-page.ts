import type { BrowserContext, Page } from 'playwright-core';
import { logPageErrors } from './browser.js';

export const EDITOR_WAIT_MS = 20_000;

interface PageApi {
  highlights(): Array<{ id: string; text: string; color: string }>;
  resolve(id: string): { status: string; start?: number };
  text(): string;
  html(): string;
}
type EditorWindow = {
  marginaliaEditor: PageApi & {
    editor: {
      state: { doc: unknown };
      commands: { setTextSelection(r: { from: number; to: number }): void; focus(): void };
    };
    handle: {
      status: string;
      unsyncedChanges: number;
      presence: { others(): Array<{ user: { name: string } }> };
      model: { highlights: { list(): Array<{ id: string }> } };
    };
  };
};

/** Opens the rich-text mode (editor.html) of the built reader for one user. */
export async function openEditor(
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
  await page.goto(`${base}editor.html?${search}`);
  await page.waitForFunction(() => 'marginaliaEditor' in window, undefined, { timeout: EDITOR_WAIT_MS });
  return page;
}

/** What the margin lists: each highlight's words, in document order. */
export const highlightTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as EditorWindow).marginaliaEditor.highlights().map((h) => h.text));

/** What the decorations draw: the text of each drawn highlight span, joined per highlight id. */
export const drawnTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const byId = new Map<string, string>();
    for (const span of document.querySelectorAll<HTMLElement>('.ProseMirror [data-highlight-id]')) {
      const id = span.dataset.highlightId as string;
      byId.set(id, (byId.get(id) ?? '') + span.textContent);
    }
    return [...byId.values()];
  });

export const documentText = (page: Page): Promise<string> =>
  page.evaluate(() => (window as unknown as EditorWindow).marginaliaEditor.text());

export const documentHtml = (page: Page): Promise<string> =>
  page.evaluate(() => (window as unknown as EditorWindow).marginaliaEditor.html());

/** Selects `words` (their `occurrence`-th appearance in the flat text) in the editor; `caret` collapses to one edge. */
export async function selectWords(page: Page, words: string, caret?: 'start' | 'end', occurrence = 0): Promise<void> {
  await page.evaluate(
    ([words, caret, occurrence]) => {
      const { editor } = (window as unknown as EditorWindow).marginaliaEditor;
      const doc = editor.state.doc as {
        descendants(
          f: (node: { isText: boolean; text?: string; nodeSize: number }, pos: number) => boolean | void,
        ): void;
      };
      const runs: Array<{ pos: number; text: string }> = [];
      doc.descendants((node, pos) => {
        if (node.isText) runs.push({ pos, text: node.text ?? '' });
      });
      const flat = runs.map((r) => r.text).join('');
      let start = -1;
      for (let i = 0; i <= occurrence; i++) start = flat.indexOf(words, start + 1);
      if (start < 0) throw new Error(`no ${JSON.stringify(words)} in ${JSON.stringify(flat)}`);
      // An offset between two text nodes (the end of one paragraph, the start of the next) is in the node of
      // the character after it for a start, of the character before it for an end.
      const at = (offset: number, edge: 'start' | 'end'): number => {
        let seen = 0;
        for (const run of runs) {
          const end = seen + run.text.length;
          if (edge === 'start' ? offset < end : offset <= end) return run.pos + offset - seen;
          seen = end;
        }
        const last = runs[runs.length - 1];
        if (edge === 'start' && last !== undefined && offset === seen) return last.pos + last.text.length;
        throw new Error(`offset ${offset} past the end`);
      };
      const from = caret === 'end' ? at(start + words.length, 'end') : at(start, 'start');
      const to = caret === null ? at(start + words.length, 'end') : from;
      editor.commands.focus();
      editor.commands.setTextSelection({ from, to });
    },
    [words, caret ?? null, occurrence] as const,
  );
}

/** Highlights the current selection with the toolbar button of `color`. */
export async function highlightSelection(page: Page, color = 'yellow'): Promise<void> {
  await page.locator(`#colors button[data-color="${color}"]`).click();
}

export async function waitForSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const { handle } = (window as unknown as EditorWindow).marginaliaEditor;
      return handle.status === 'synced' && handle.unsyncedChanges === 0;
    },
    undefined,
    { timeout: EDITOR_WAIT_MS },
  );
}

export const peers = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    (window as unknown as EditorWindow).marginaliaEditor.handle.presence.others().map((p) => p.user.name),
  );

/** How the model resolves every highlight record (ok, collapsed, orphaned), in creation order. */
export const statuses = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const api = (window as unknown as EditorWindow).marginaliaEditor;
    return api.handle.model.highlights.list().map((h) => api.resolve(h.id).status);
  });

/** Where each listed highlight starts, as a flat offset of the document's text (paragraphs not separated). */
export const highlightOffsets = (page: Page): Promise<number[]> =>
  page.evaluate(() => {
    const api = (window as unknown as EditorWindow).marginaliaEditor;
    return api.highlights().map((h) => api.resolve(h.id).start ?? -1);
  });
