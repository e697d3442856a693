import { useCallback, useEffect, useState } from 'react';
import type { DocHandle } from '@marginalia/client';

export interface AppNotification {
  readonly id: number;
  readonly text: string;
}

const KEEP = 5;

/**
 * Notifications for what others do: the client's `summary` events, one line per author and burst
 * ("Alice added 10 highlights"). The client batches bursts (see the reader's client options), names
 * authors from the document's people directory even when they are offline, leaves out own changes
 * and never replays what loading the local copy brings back (that was news at the last visit; the
 * unread markers keep what is still unread).
 */
export function useNotifications(handle: Pick<DocHandle, 'on'>) {
  const [notifications, setNotifications] = useState<readonly AppNotification[]>([]);

  useEffect(() => {
    let nextId = 1;
    const stop = handle.on('summary', ({ lines }) => {
      const added = lines.map((text) => ({ id: nextId++, text }));
      setNotifications((previous) => [...added.reverse(), ...previous].slice(0, KEEP));
    });
    return () => {
      stop();
      setNotifications([]);
    };
  }, [handle]);

  const dismiss = useCallback((id: number) => setNotifications((previous) => previous.filter((n) => n.id !== id)), []);
  return { notifications, dismiss };
}
