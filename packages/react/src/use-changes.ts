import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DocHandle } from '@marginalia/client';
import type { ChangeEvent, UnreadItem } from '@marginalia/model';
import { useExternalValue } from './use-external-value.js';
import type { HasModel } from './use-model.js';

export interface UseChangesOptions {
  /** Keep at most this many events (the newest). Default 100. */
  readonly limit?: number;
  /** Include this replica's own changes. Default false: only what others did. */
  readonly includeLocal?: boolean;
}

/** A client document handle, or `{ model }` around a bare model. */
export type ChangeSource = HasModel | Pick<DocHandle, 'model' | 'on'>;

/**
 * The recent change events of the document since the component mounted, oldest first. With a client
 * handle these are its `changes` events, which leave out what loading the local copy replays (old news);
 * with a bare model, the model's change feed.
 */
export function useChanges(doc: ChangeSource, options: UseChangesOptions = {}): readonly ChangeEvent[] {
  const { limit = 100, includeLocal = false } = options;
  const [events, setEvents] = useState<readonly ChangeEvent[]>([]);
  useEffect(() => {
    setEvents([]);
    const onBatch = (batch: readonly ChangeEvent[]): void => {
      const kept = includeLocal ? batch : batch.filter((event) => !event.local);
      if (kept.length > 0) setEvents((previous) => [...previous, ...kept].slice(-limit));
    };
    return 'on' in doc ? doc.on('changes', onBatch) : doc.model.changes.subscribe(onBatch);
  }, [doc, includeLocal, limit]);
  return events;
}

export interface UnreadState {
  readonly count: number;
  readonly items: readonly UnreadItem[];
  /** Ids of unread highlights and notes, for markers. */
  readonly ids: ReadonlySet<string>;
  /** Marks everything seen here as read, for this user on every device. */
  readonly markRead: () => void;
  /** Marks these highlights / notes (seen long enough, or opened) as read, for this user on every device. */
  readonly markItemsRead: (ids: string | readonly string[]) => void;
  /** Unread items of one highlight: itself and the notes on it. */
  readonly countFor: (highlightId: string) => number;
}

/** What others changed that this user has not seen, per item; stored in the doc, so it survives reloads and follows the user's devices. */
export function useUnread(doc: HasModel): UnreadState {
  const { unread } = doc.model;
  const items = useExternalValue(
    (onChange) => unread.observe(onChange),
    () => unread.items(),
    [unread],
  );
  const markRead = useCallback(() => unread.markRead(), [unread]);
  const markItemsRead = useCallback((ids: string | readonly string[]) => unread.markItemsRead(ids), [unread]);
  return useMemo(() => {
    const ids = new Set(items.map((item) => item.id));
    const countFor = (highlightId: string): number => (items.length === 0 ? 0 : unread.countFor(highlightId));
    return { count: items.length, items, ids, markRead, markItemsRead, countFor };
  }, [items, markRead, markItemsRead, unread]);
}
