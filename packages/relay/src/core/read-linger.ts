import type { Room } from './room.js';

/**
 * Keeps documents loaded for a while after an HTTP read, so that a burst of reads loads (and
 * encodes) once. At most `maxHeld` at a time (the longest held goes first): lingering documents
 * count against the loaded-document limit, and reads of many documents must not fill it.
 */
export interface ReadLinger {
  /** Holds `room` loaded for the linger time from now (again from now if it is held already). */
  hold(room: Room): void;
  /** Lets every held room go at once (the relay is shutting down). */
  close(): void;
}

interface Held {
  readonly release: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createReadLinger(lingerMs: number, maxHeld: number): ReadLinger {
  const held = new Map<Room, Held>();
  const letGo = (room: Room): void => {
    const entry = held.get(room);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    held.delete(room);
    entry.release();
  };
  const arm = (room: Room): ReturnType<typeof setTimeout> => {
    const timer = setTimeout(() => letGo(room), lingerMs);
    // A lingering document must not keep a process alive that has nothing else to do.
    (timer as { unref?: () => void }).unref?.();
    return timer;
  };
  return {
    hold(room) {
      if (lingerMs <= 0 || maxHeld <= 0) return;
      const existing = held.get(room);
      if (existing !== undefined) {
        clearTimeout(existing.timer);
        held.delete(room); // re-inserted last: the order is the order of last reads
        held.set(room, { release: existing.release, timer: arm(room) });
        return;
      }
      const oldest = held.keys().next();
      if (held.size >= maxHeld && oldest.done !== true) letGo(oldest.value);
      held.set(room, { release: room.lease(), timer: arm(room) });
    },
    close() {
      for (const room of [...held.keys()]) letGo(room);
    },
  };
}
