import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChangeEvent, UnreadItem } from '@marginalia/model';
import { useExternalValue } from './use-external-value.js';
import type { HasModel } from './use-model.js';

export interface UseChangesOptions {
  /** Keep at most this many events (the newest). Default 100. */
  readonly limit?: number;
  /** Include this replica's own changes. Default false: only what others did. */
  readonly includeLocal?: boolean;
}

/** The recent change events of the document since the component mounted, oldest first. */
export function useChanges(doc: HasModel, options: UseChangesOptions = {}): readonly ChangeEvent[] {
  const { limit = 100, includeLocal = false } = options;
  const { changes } = doc.model;
  const [events, setEvents] = useState<readonly ChangeEvent[]>([]);
  useEffect(() => {
    setEvents([]);
    return changes.subscribe((batch) => {
      const kept = includeLocal ? batch : batch.filter((event) => !event.local);
      if (kept.length > 0) setEvents((previous) => [...previous, ...kept].slice(-limit));
    });
  }, [changes, includeLocal, limit]);
  return events;
}

export interface UnreadState {
  readonly count: number;
  readonly items: readonly UnreadItem[];
  /** Ids of unread highlights and notes, for markers. */
  readonly ids: ReadonlySet<string>;
  /** Marks everything seen here as read, for this user on every device. */
  readonly markRead: () => void;
}

/** What others changed since this user last marked the document read; survives reloads and devices. */
export function useUnread(doc: HasModel): UnreadState {
  const { unread } = doc.model;
  const items = useExternalValue((onChange) => unread.observe(onChange), () => unread.items(), [unread]);
  const markRead = useCallback(() => unread.markRead(), [unread]);
  return useMemo(() => ({ count: items.length, items, ids: new Set(items.map((item) => item.id)), markRead }), [items, markRead]);
}
