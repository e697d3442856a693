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
    if (box.top >= header + 8 && box.bottom <= bottomLimit) return;
    // Put the mark a third of the way down the free space between the header and the panel.
    const free = Math.max(0, bottomLimit - header - box.height);
    window.scrollTo({ top: window.scrollY + box.top - header - free / 3, behavior });
  });
}

/** Scrolls a passage into view (for activity entries whose highlight is gone). */
export function revealPassage(passageId: string): void {
  document.getElementById(`p-${passageId}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
