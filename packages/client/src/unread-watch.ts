import type { Model } from '@marginalia/model';
import { createTimer, type Timers } from './timers.js';

export interface UnreadWatchOptions {
  readonly model: Model;
  readonly timers: Timers;
  /** Whether anyone listens; the count (a scan of the doc) is computed only then. */
  readonly listening: () => boolean;
  readonly onCount: (count: number) => void;
  /** Coalesce bursts of transactions into one count. Default 50 ms. */
  readonly delayMs?: number;
}

/** Emits the unread count when it changes, at most once per `delayMs`. */
export function createUnreadWatch(options: UnreadWatchOptions): { close(): void } {
  const timer = createTimer(options.timers);
  let last: number | undefined;
  const emit = (): void => {
    if (!options.listening()) return;
    const count = options.model.unread.count();
    if (count === last) return;
    last = count;
    options.onCount(count);
  };
  const stop = options.model.unread.observe(() => {
    if (options.listening() && !timer.armed) timer.arm(options.delayMs ?? 50, emit);
  });
  return {
    close() {
      timer.cancel();
      stop();
    },
  };
}
