import { useEffect } from 'react';
import type { HasModel } from './use-model.js';

/** How long after another person's change an open item is marked read again (one write per burst of keystrokes). */
export const READ_WHILE_OPEN_DELAY_MS = 400;

/**
 * Keeps the given highlights / notes read while they are open (the note being viewed is never "new" while someone
 * else types in it): marks them read on open, and again shortly after each change by someone else.
 */
export function useReadWhileOpen(doc: HasModel, ids: readonly string[]): void {
  const { unread } = doc.model;
  const key = ids.join('\n');
  useEffect(() => {
    const list = key === '' ? [] : key.split('\n');
    if (list.length === 0) return;
    unread.markItemsRead(list);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = unread.observe(() => {
      if (timer !== undefined || !list.some((id) => unread.has(id))) return;
      timer = setTimeout(() => {
        timer = undefined;
        unread.markItemsRead(list);
      }, READ_WHILE_OPEN_DELAY_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [unread, key]);
}
