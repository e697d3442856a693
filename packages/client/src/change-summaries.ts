import type { ChangeEvent, Model } from '@marginalia/model';
import { createTimer, type Timers } from './timers.js';

/** Others' changes gathered over a quiet period, ready for a notification. */
export interface ChangeSummary {
  /** One line per author, e.g. "Alice added 3 highlights and edited a note". */
  readonly lines: readonly string[];
  readonly changes: readonly ChangeEvent[];
}

export interface ChangeSummariesOptions {
  readonly model: Model;
  readonly timers: Timers;
  /** A burst ends after this long without another remote change. */
  readonly quietMs: number;
  /** ...or at the latest this long after its first change, so that nonstop activity is still reported. */
  readonly maxHoldMs: number;
  /** Names of authors the doc's people directory does not know (the client asks presence). */
  readonly nameOf: (userId: string) => string | undefined;
  /** True while the batch being reported is not news (the local copy loading): it is not forwarded. */
  readonly isReplay: () => boolean;
  readonly onChanges: (events: ChangeEvent[]) => void;
  readonly onSummary: (summary: ChangeSummary) => void;
}

/**
 * Forwards the model's change feed and turns bursts of remote changes into summaries. Batches that replay
 * old changes (loading the local copy) are left out: they were news at the last visit, and what is still
 * unread is the unread marker's business.
 */
export function createChangeSummaries(options: ChangeSummariesOptions): { close(): void } {
  const quiet = createTimer(options.timers);
  const hold = createTimer(options.timers);
  let burst: ChangeEvent[] = [];

  const emitSummary = (): void => {
    quiet.cancel();
    hold.cancel();
    const changes = burst;
    burst = [];
    const lines = options.model.summarize(changes, { nameOf: options.nameOf, excludeUserId: options.model.user.id });
    if (lines.length > 0) options.onSummary({ lines, changes });
  };

  const unsubscribe = options.model.changes.subscribe((events) => {
    if (options.isReplay()) return;
    options.onChanges(events);
    const remote = events.filter((event) => !event.local);
    if (remote.length === 0) return;
    burst.push(...remote);
    quiet.arm(options.quietMs, emitSummary);
    if (!hold.armed) hold.arm(Math.max(options.maxHoldMs, options.quietMs), emitSummary);
  });

  return {
    close() {
      quiet.cancel();
      hold.cancel();
      unsubscribe();
    },
  };
}
