import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocHandle } from '@marginalia/client';
import { summarizeChanges, type ChangeEvent } from '@marginalia/model';

export interface AppNotification {
  readonly id: number;
  readonly text: string;
}

/** Quiet time that ends a burst, and the longest a burst is held back. */
const QUIET_MS = 800;
const MAX_HOLD_MS = 3000;
const KEEP = 5;

/**
 * Notifications for what others do, batched by burst: ten highlights added in a row become one
 * "Alice added 10 highlights". Own changes never notify, and neither does loading the local copy
 * (those changes were news at the last visit; the unread markers keep what is still unread).
 */
export function useNotifications(handle: Pick<DocHandle, 'model' | 'whenLoaded'>, nameOf: (userId: string) => string | undefined) {
  const { model } = handle;
  const [notifications, setNotifications] = useState<readonly AppNotification[]>([]);
  const nameRef = useRef(nameOf);
  nameRef.current = nameOf;

  useEffect(() => {
    let pending: ChangeEvent[] = [];
    let quiet: ReturnType<typeof setTimeout> | undefined;
    let hold: ReturnType<typeof setTimeout> | undefined;
    let nextId = 1;
    let loaded = false;
    handle.whenLoaded.then(
      () => void (loaded = true),
      (error: unknown) => console.error('marginalia: the local copy did not load', error),
    );
    const flush = () => {
      clearTimeout(quiet);
      clearTimeout(hold);
      hold = undefined;
      const lines = summarizeChanges(pending, { nameOf: (id) => nameRef.current(id), excludeUserId: model.user.id });
      pending = [];
      if (lines.length === 0) return;
      const added = lines.map((text) => ({ id: nextId++, text }));
      setNotifications((previous) => [...added.reverse(), ...previous].slice(0, KEEP));
    };
    const unsubscribe = model.changes.subscribe((events) => {
      if (!loaded) return;
      const remote = events.filter((event) => !event.local);
      if (remote.length === 0) return;
      pending.push(...remote);
      clearTimeout(quiet);
      quiet = setTimeout(flush, QUIET_MS);
      hold ??= setTimeout(flush, MAX_HOLD_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(quiet);
      clearTimeout(hold);
      setNotifications([]);
    };
  }, [handle, model]);

  const dismiss = useCallback((id: number) => setNotifications((previous) => previous.filter((n) => n.id !== id)), []);
  return { notifications, dismiss };
}
