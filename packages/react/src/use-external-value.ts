import { useMemo, useSyncExternalStore } from 'react';

/** Subscribes to some source; returns the unsubscribe function. */
export type Subscribe = (onChange: () => void) => () => void;

interface ExternalValueStore<T> {
  readonly subscribe: (onStoreChange: () => void) => () => void;
  readonly getSnapshot: () => T;
}

/**
 * A cached snapshot over a mutable source: `read` runs only after the source reported a change
 * (or on (re)subscription, to catch changes made while nobody listened), so React sees the same
 * object between changes, as useSyncExternalStore requires.
 */
export function createExternalValueStore<T>(subscribe: Subscribe, read: () => T): ExternalValueStore<T> {
  let dirty = true;
  let cached: T;
  return {
    subscribe: (onStoreChange) => {
      dirty = true;
      return subscribe(() => {
        dirty = true;
        onStoreChange();
      });
    },
    getSnapshot: () => {
      if (dirty) {
        cached = read();
        dirty = false;
      }
      return cached;
    },
  };
}

/** useSyncExternalStore over `createExternalValueStore`; the store is rebuilt when `deps` change. */
export function useExternalValue<T>(subscribe: Subscribe, read: () => T, deps: readonly unknown[]): T {
  const store = useMemo(() => createExternalValueStore(subscribe, read), deps);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
