import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { selectText, selectionToRanges, textOffset, type PassageRange } from '../lib/selection-offsets.js';
import { nextWordEnd, previousWordStart } from '../lib/word-steps.js';
import type { Book, Passage } from '../text/book.js';
import type { HighlightView, PeerView } from '../view-types.js';
import { PassageView } from './passage-view.js';

interface BookViewProps {
  readonly book: Book;
  readonly highlightsByPassage: ReadonlyMap<string, readonly HighlightView[]>;
  readonly readersByPassage: ReadonlyMap<string, readonly PeerView[]>;
  readonly selectedHighlightId: string | null;
  readonly onSelection: (ranges: PassageRange[]) => void;
  readonly onOpenMarks: (ids: readonly string[], mark: HTMLElement) => void;
  /** A digit key (1-based colour index) or Enter (0) pressed in a passage, with the selection at that moment. */
  readonly onHighlightKey: (colorIndex: number, ranges: PassageRange[]) => void;
  readonly onLocation: (passageId: string) => void;
}

const EMPTY: readonly never[] = [];

/** The reading view: chapters of passages, mouse and keyboard selection, reading location. */
export function BookView(props: BookViewProps) {
  const { book, highlightsByPassage, readersByPassage, selectedHighlightId, onSelection, onOpenMarks } = props;
  const container = useRef<HTMLElement>(null);
  const latest = useRef(props);
  latest.current = props;

  const saved = useRef<SavedSelection | null>(null);
  useEffect(() => {
    const onChange = () => {
      if (!container.current) return;
      saved.current = saveSelection(container.current);
      latest.current.onSelection(selectionToRanges(document.getSelection(), container.current));
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);
  // A remote highlight re-renders a passage and replaces its text nodes, which drops the reader's selection (and
  // with it the colour panel). Put the selection back right after React's commit, before the browser reports it.
  useLayoutEffect(() => {
    if (container.current && saved.current !== null && !restoreSelection(container.current, saved.current))
      saved.current = null;
  });

  useReadingLocation(container, (id) => latest.current.onLocation(id));

  const onKeyDown = useCallback((event: KeyboardEvent<HTMLParagraphElement>, passage: Passage) => {
    const element = event.currentTarget;
    const digit = /^[1-9]$/.test(event.key) ? Number(event.key) : event.key === 'Enter' ? 0 : -1;
    if (digit >= 0 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      // Read the selection now: the last selectionchange may not have been rendered yet.
      const ranges = container.current ? selectionToRanges(document.getSelection(), container.current) : [];
      if (ranges.length > 0) latest.current.onHighlightKey(digit, ranges);
      return;
    }
    if (event.key === 'Escape') {
      document.getSelection()?.removeAllRanges();
      return;
    }
    const moves: Record<string, (at: number) => number> = {
      ArrowRight: (at) => nextWordEnd(passage.text, at),
      ArrowLeft: (at) => previousWordStart(passage.text, at),
      Home: () => 0,
      End: () => passage.text.length,
    };
    const move = moves[event.key];
    if (move === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const { anchor, focus } = caretIn(element);
    const next = move(focus);
    selectText(element, event.shiftKey ? anchor : next, next);
  }, []);

  return (
    <article className="reader" ref={container} aria-labelledby="book-title">
      <h1 className="book-title" id="book-title">
        {book.title}
      </h1>
      <p className="book-author">{book.author}</p>
      <p className="hint" id="keyboard-help">
        Select words with the mouse, or focus a paragraph and press Shift+→ / Shift+← to select by word; press 1–6 (or
        Enter) to highlight, Escape to clear.
      </p>
      {book.chapters.map((chapter) => (
        <section className="chapter" key={chapter.id} aria-label={chapter.title}>
          <h2>{chapter.title}</h2>
          {chapter.passages.map((passage) => (
            <PassageView
              key={passage.id}
              passage={passage}
              highlights={highlightsByPassage.get(passage.id) ?? EMPTY}
              readers={readersByPassage.get(passage.id) ?? EMPTY}
              selectedHighlightId={selectedHighlightId}
              onOpenMarks={onOpenMarks}
              onKeyDown={onKeyDown}
            />
          ))}
        </section>
      ))}
    </article>
  );
}

interface SavedSelection {
  readonly anchorPassage: string;
  readonly anchor: number;
  readonly focusPassage: string;
  readonly focus: number;
}

function passageOf(node: Node | null): HTMLElement | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>('[data-passage-id]') ?? null;
}

/** The selection as passage ids and text offsets (which survive a re-render), or null when none is in the book. */
function saveSelection(root: HTMLElement): SavedSelection | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode) return null;
  const a = passageOf(selection.anchorNode);
  const f = passageOf(selection.focusNode);
  if (!a || !f || !root.contains(a) || !root.contains(f)) return null;
  return {
    anchorPassage: a.dataset.passageId!,
    anchor: textOffset(a, selection.anchorNode, selection.anchorOffset),
    focusPassage: f.dataset.passageId!,
    focus: textOffset(f, selection.focusNode, selection.focusOffset),
  };
}

function pointAt(element: Element, target: number): [Node, number] {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let offset = 0;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (target <= offset + length) return [node, target - offset];
    offset += length;
  }
  return [element, element.childNodes.length];
}

function restoreSelection(root: HTMLElement, saved: SavedSelection): boolean {
  // No range at all: the app or the user cleared it on purpose (removeAllRanges). Removed text nodes leave one.
  if ((document.getSelection()?.rangeCount ?? 0) === 0) return false;
  const current = saveSelection(root);
  if (current !== null && JSON.stringify(current) === JSON.stringify(saved)) return true;
  const a = root.querySelector(`[data-passage-id="${CSS.escape(saved.anchorPassage)}"]`);
  const f = root.querySelector(`[data-passage-id="${CSS.escape(saved.focusPassage)}"]`);
  if (!a || !f) return false;
  const [anchorNode, anchorOffset] = pointAt(a, saved.anchor);
  const [focusNode, focusOffset] = pointAt(f, saved.focus);
  document.getSelection()?.setBaseAndExtent(anchorNode, anchorOffset, focusNode, focusOffset);
  return true;
}

/** The current selection's anchor and focus inside `element`, or a caret at its start. */
function caretIn(element: HTMLElement): { anchor: number; focus: number } {
  const selection = document.getSelection();
  if (
    selection?.anchorNode &&
    selection.focusNode &&
    element.contains(selection.anchorNode) &&
    element.contains(selection.focusNode)
  ) {
    return {
      anchor: textOffset(element, selection.anchorNode, selection.anchorOffset),
      focus: textOffset(element, selection.focusNode, selection.focusOffset),
    };
  }
  return { anchor: 0, focus: 0 };
}

/** Reports the first passage in view whenever that changes. */
function useReadingLocation(container: RefObject<HTMLElement | null>, report: (passageId: string) => void) {
  const reportRef = useRef(report);
  reportRef.current = report;
  useEffect(() => {
    const root = container.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const visible = new Set<Element>();
    let last = '';
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) visible.add(entry.target);
        else visible.delete(entry.target);
      }
      const first = [...root.querySelectorAll('[data-passage-section]')].find((el) => visible.has(el));
      const id = first?.getAttribute('data-passage-section');
      if (id && id !== last) {
        last = id;
        reportRef.current(id);
      }
    });
    root.querySelectorAll('[data-passage-section]').forEach((el) => observer.observe(el));
    return () => observer.disconnect();
  }, [container]);
}
