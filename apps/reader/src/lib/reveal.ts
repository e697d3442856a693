/**
 * Scrolls so that a highlight's mark is on screen and not under the bottom tool panel (which is fixed and, on a
 * phone, as wide as the screen). Runs after the next frame, when the panel has its size.
 */
export function revealAboveDock(highlightId: string, behavior: ScrollBehavior = 'smooth'): void {
  requestAnimationFrame(() => {
    const mark = document.querySelector(`mark[data-highlight-ids~="${CSS.escape(highlightId)}"]`);
    if (mark === null) return;
    const dock = document.querySelector('.tool-dock')?.getBoundingClientRect();
    const header = document.querySelector('.app-header')?.getBoundingClientRect().bottom ?? 0;
    const box = mark.getBoundingClientRect();
    const bottomLimit = (dock?.top ?? window.innerHeight) - 12;
    if (box.bottom > bottomLimit) window.scrollBy({ top: box.bottom - bottomLimit, behavior });
    else if (box.top < header + 8) window.scrollBy({ top: box.top - header - 8, behavior });
  });
}

/** Scrolls a passage into view (for activity entries whose highlight is gone). */
export function revealPassage(passageId: string): void {
  document.getElementById(`p-${passageId}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
