import type { Page } from 'playwright-core';
import { createDemoPage, type SelectWords } from './demo-page.js';

type CodeWindow = { marginaliaCode: { text(): string; select(from: number, to: number): void } };

/** Selects `words` (their first appearance) in CodeMirror and focuses it; `caret` collapses to one edge. */
export const selectCode: SelectWords = async (page: Page, words, caret) => {
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
};

/** The code mode (code.html: CodeMirror 6, y-codemirror.next, @marginalia/codemirror). */
export const codePage = createDemoPage({
  file: 'code.html',
  global: 'marginaliaCode',
  content: '.cm-content',
  caret: '.cm-ySelectionCaret', // drawn inside a highlight's span where a remote caret stands
  select: selectCode,
});
