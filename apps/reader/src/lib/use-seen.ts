import { useEffect, useRef } from 'react';

/** How long a highlight's mark must stay on screen to count as seen. */
export const SEEN_AFTER_MS = 1500;

/**
 * Marks highlights read once their mark in the text (orphaned notes: their card) has been at least half visible for SEEN_AFTER_MS while the
 * page is visible (scrolling past does not count). `ids` are the unread ones; `markRead` receives the seen ones.
 */
export function useSeenMarks(
  root: HTMLElement | null,
  ids: ReadonlySet<string>,
  markRead: (ids: string[]) => void,
): void {
  const latest = useRef(markRead);
  latest.current = markRead;
  const key = [...ids].sort().join('\n');
  useEffect(() => {
    if (root === null || key === '' || typeof IntersectionObserver === 'undefined') return;
    const wanted = new Set(key.split('\n'));
    const timers = new Map<Element, ReturnType<typeof setTimeout>>();
    const idsOf = (mark: HTMLElement): string[] =>
      (mark.dataset.highlightIds ?? mark.dataset.highlightId ?? mark.dataset.noteId ?? '')
        .split(' ')
        .filter((id) => wanted.has(id));
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const mark = entry.target as HTMLElement;
          if (entry.isIntersecting && !timers.has(mark)) {
            timers.set(
              mark,
              setTimeout(() => document.visibilityState === 'visible' && latest.current(idsOf(mark)), SEEN_AFTER_MS),
            );
          } else if (!entry.isIntersecting) {
            clearTimeout(timers.get(mark));
            timers.delete(mark);
          }
        }
      },
      { threshold: 0.5 },
    );
    // Marks in the text, and orphaned notes (they have no mark; their card is where they are seen).
    for (const mark of root.querySelectorAll<HTMLElement>('mark[data-highlight-id], .orphan[data-note-id]'))
      if (idsOf(mark).length > 0) observer.observe(mark);
    return () => {
      observer.disconnect();
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, [root, key]);
}
