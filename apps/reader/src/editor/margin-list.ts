import type { Highlight } from '@marginalia/model';
import { DEFAULT_HIGHLIGHT_SHADES } from '@marginalia/prosemirror';

/** What either binding's `highlights()` lists: the record, its words and its author's name. */
export interface MarginItem {
  readonly highlight: Highlight;
  readonly text: string;
  readonly author: string;
}

/** The margin: every highlight in document order, with its colour, words, author and whether it has a note. */
export function renderMargin(
  list: HTMLElement,
  highlights: readonly MarginItem[],
  current: string | undefined,
  open: (id: string) => void,
): void {
  list.replaceChildren(
    ...highlights.map(({ highlight, text, author }) => {
      const item = document.createElement('li');
      item.dataset.highlightId = highlight.id;
      item.setAttribute('aria-current', String(highlight.id === current));
      item.style.borderLeft = `6px solid ${DEFAULT_HIGHLIGHT_SHADES[highlight.color]}`;
      item.style.paddingLeft = '6px';
      item.textContent = `“${text}” — ${author}${highlight.noteId === undefined ? '' : ' ✎'}`;
      item.tabIndex = 0;
      item.addEventListener('click', () => open(highlight.id));
      item.addEventListener('keydown', (event) => event.key === 'Enter' && open(highlight.id));
      return item;
    }),
  );
}
