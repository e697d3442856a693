import type { Fanout, FanoutListener } from '../ports/fanout.js';

/**
 * A Fanout between relay instances in one process (tests, or several relays in one server).
 * Delivery happens in a later microtask (never re-entrantly inside `publish`); subscribers
 * filter out their own messages by `origin`. It never loses a message, so it never resyncs.
 */
export function createLocalFanout(): Fanout {
  const listeners = new Map<string, Set<FanoutListener>>();
  let closed = false;
  return {
    async publish(docName, message) {
      await Promise.resolve();
      if (closed) return;
      for (const listener of [...(listeners.get(docName) ?? [])]) listener(message);
    },
    subscribe(docName, listener) {
      if (closed) return () => undefined;
      let set = listeners.get(docName);
      if (set === undefined) {
        set = new Set();
        listeners.set(docName, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(docName) === set) listeners.delete(docName);
      };
    },
    whenSubscribed: async () => undefined,
    onResync: () => () => undefined,
    async close() {
      closed = true;
      listeners.clear();
    },
  };
}
