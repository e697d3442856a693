/** A map from event name to the listener's argument tuple. */
export type EventMap = Record<string, readonly unknown[]>;

export type Listener<Args extends readonly unknown[]> = (...args: Args) => void;

/** Told when a listener threw: `event` is the event it was listening to. */
export type ListenerErrorHandler = (error: unknown, event: string) => void;

/**
 * A tiny typed event emitter. A throwing listener does not stop the others, and its error never
 * escapes `emit` (a rethrow would crash a Node process): it goes to `onListenerError`, which the
 * client turns into a `listener_failed` error event, or to `console.error` without one.
 */
export interface Emitter<Events extends EventMap> {
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void;
  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void;
  emit<K extends keyof Events>(event: K, ...args: Events[K]): void;
  listenerCount(event: keyof Events): number;
  clear(): void;
}

export function createEmitter<Events extends EventMap>(
  onListenerError: ListenerErrorHandler = logListenerError,
): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<Listener<never>>>();

  const off = <K extends keyof Events>(event: K, listener: Listener<Events[K]>): void => {
    listeners.get(event)?.delete(listener);
  };

  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => off(event, listener);
    },
    off,
    emit(event, ...args) {
      const set = listeners.get(event);
      if (set === undefined) return;
      for (const listener of [...set]) {
        try {
          (listener as unknown as Listener<Events[typeof event]>)(...args);
        } catch (error) {
          reportSafely(onListenerError, error, String(event));
        }
      }
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
    clear() {
      listeners.clear();
    },
  };
}

function logListenerError(error: unknown, event: string): void {
  console.error(`marginalia: a listener of "${event}" threw`, error);
}

function reportSafely(report: ListenerErrorHandler, error: unknown, event: string): void {
  try {
    report(error, event);
  } catch (reportError) {
    logListenerError(reportError, event);
  }
}
