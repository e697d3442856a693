import type { Page } from 'playwright-core';
import { createDemoPage } from './demo-page.js';

interface EditorApi {
  resolve(id: string): { status: string; start?: number };
  highlights(): Array<{ id: string }>;
  html(): string;
  editor: {
    state: { doc: unknown };
    view: { focus(): void; hasFocus(): boolean };
    commands: { setTextSelection(r: { from: number; to: number }): void };
  };
  handle: { model: { highlights: { list(): Array<{ id: string }> } } };
}
type EditorWindow = { marginaliaEditor: EditorApi };

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
      // The view's own focus, not Tiptap's focus command: that one focuses in the next animation frame,
      // and on a loaded machine a key pressed meanwhile went to whatever had focus (the offline switch).
      editor.view.focus();
      editor.commands.setTextSelection({ from, to });
    },
    [words, caret ?? null, occurrence] as const,
  );
  await page.waitForFunction(() => (window as unknown as EditorWindow).marginaliaEditor.editor.view.hasFocus());
}

/** The rich-text mode (editor.html: Tiptap 3, @tiptap/y-tiptap, @marginalia/prosemirror). */
export const editorPage = createDemoPage({
  file: 'editor.html',
  global: 'marginaliaEditor',
  content: '.ProseMirror',
  select: (page, words, caret) => selectWords(page, words, caret),
});

export const documentHtml = (page: Page): Promise<string> =>
  page.evaluate(() => (window as unknown as EditorWindow).marginaliaEditor.html());

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
