import { summarizeChanges, type ChangeEvent, type Model } from '@marginalia/model';
import { createTimer, type Timers } from './timers.js';

/** Others' changes gathered over a quiet period, ready for a notification. */
export interface ChangeSummary {
  /** One line per author, e.g. "Alice added 3 highlights and edited 1 note". */
  readonly lines: readonly string[];
  readonly changes: readonly ChangeEvent[];
}

export interface ChangeSummariesOptions {
  readonly model: Model;
  readonly timers: Timers;
  /** A burst ends after this long without another remote change. */
  readonly quietMs: number;
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
  let burst: ChangeEvent[] = [];

  const emitSummary = (): void => {
    const changes = burst;
    burst = [];
    const lines = summarizeChanges(changes, { nameOf: options.nameOf, excludeUserId: options.model.user.id });
    if (lines.length > 0) options.onSummary({ lines, changes });
  };

  const unsubscribe = options.model.changes.subscribe((events) => {
    if (options.isReplay()) return;
    options.onChanges(events);
    const remote = events.filter((event) => !event.local);
    if (remote.length === 0) return;
    burst.push(...remote);
    quiet.arm(options.quietMs, emitSummary);
  });

  return {
    close() {
      quiet.cancel();
      unsubscribe();
    },
  };
}
