import type { EventTargetLike } from './client-options.js';

/** Anything that knows how many local changes are unconfirmed: a client or a document handle. */
export interface HasUnsyncedChanges {
  readonly unsyncedChanges: number;
}

/**
 * Warns before the tab closes while local changes are not confirmed by the relay (they are safe in
 * IndexedDB, but only this browser has them). Returns the function that removes the guard.
 */
export function beforeUnloadGuard(
  source: HasUnsyncedChanges,
  target: EventTargetLike | undefined = (globalThis as { window?: EventTargetLike }).window,
): () => void {
  if (target === undefined) return () => undefined;
  const listener = (event: unknown): void => {
    if (source.unsyncedChanges === 0) return;
    const unload = event as { preventDefault(): void; returnValue?: unknown };
    unload.preventDefault();
    // Older browsers show the prompt only when returnValue (a string on BeforeUnloadEvent) is set.
    if (typeof unload.returnValue === 'string') unload.returnValue = 'unsynced changes';
  };
  target.addEventListener('beforeunload', listener);
  return () => target.removeEventListener('beforeunload', listener);
}
