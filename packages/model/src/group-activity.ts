import type { ActivityEntry } from './activity.js';
import { describeChanges } from './summarize-changes.js';

/** Consecutive entries of one person close in time: shown as one line of the feed ("Alice added 3 highlights"). */
export interface ActivityGroup {
  readonly key: string;
  readonly userId: string;
  /** Newest first. */
  readonly entries: readonly ActivityEntry[];
  readonly from: number;
  readonly to: number;
  /** "added 3 highlights and wrote a note" (no name: the caller puts it in front). */
  readonly summary: string;
}

export interface GroupActivityOptions {
  /** Entries of one person at most this far apart join one group. Default 10 minutes. */
  readonly windowMs?: number;
}

/** Groups a newest-first entry list by person and time; nothing is dropped, every entry is in exactly one group. */
export const groupActivity = (
  entries: readonly ActivityEntry[],
  options: GroupActivityOptions = {},
): ActivityGroup[] => {
  const windowMs = options.windowMs ?? 10 * 60_000;
  const groups: Array<{ userId: string; entries: ActivityEntry[] }> = [];
  for (const entry of entries) {
    const last = groups[groups.length - 1];
    const oldest = last?.entries[last.entries.length - 1];
    if (last !== undefined && oldest !== undefined && last.userId === entry.userId && oldest.at - entry.at <= windowMs)
      last.entries.push(entry);
    else groups.push({ userId: entry.userId, entries: [entry] });
  }
  return groups.map(({ userId, entries: list }) => ({
    key: list[list.length - 1]!.key,
    userId,
    entries: list,
    from: list[list.length - 1]!.at,
    to: list[0]!.at,
    summary: describeChanges(list),
  }));
};
