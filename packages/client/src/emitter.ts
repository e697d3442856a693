/** A map from event name to the listener's argument tuple. */
export type EventMap = Record<string, readonly unknown[]>;

export type Listener<Args extends readonly unknown[]> = (...args: Args) => void;

/** A tiny typed event emitter. A throwing listener does not stop the others; its error is rethrown async. */
export interface Emitter<Events extends EventMap> {
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void;
  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void;
  emit<K extends keyof Events>(event: K, ...args: Events[K]): void;
  listenerCount(event: keyof Events): number;
  clear(): void;
}

export function createEmitter<Events extends EventMap>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<Listener<never>>>();

  const off = <K extends keyof Events>(event: K, listener: Listener<Events[K]>): void => {
    listeners.get(event)?.delete(listener as Listener<never>);
  };

  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as Listener<never>);
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
          queueMicrotask(() => {
            throw error;
          });
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
