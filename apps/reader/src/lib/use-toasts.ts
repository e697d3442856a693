import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocHandle } from '@marginalia/client';
import type { ChangeEvent } from '@marginalia/model';

/** How long a toast stays up after the last change it reports. */
export const TOAST_MS = 6000;

export interface Toast {
  /** One line per author, e.g. "Alice added 520 highlights". */
  readonly lines: readonly string[];
  /** The highlight to jump to (the newest one the toast is about), if any still exists. */
  readonly highlightId?: string;
}

/**
 * One toast for what others do: the client's `summary` events (bursts, named from the people directory). While the
 * toast is up, new bursts are merged into it and re-summarized, so a burst of any size is one line per author and
 * nothing is dropped (the activity feed has every entry). It hides itself TOAST_MS after the last change.
 */
export function useToast(handle: Pick<DocHandle, 'on' | 'model'>): { toast: Toast | null; dismiss: () => void } {
  const [toast, setToast] = useState<Toast | null>(null);
  const changes = useRef<ChangeEvent[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const dismiss = useCallback(() => {
    clearTimeout(timer.current);
    changes.current = [];
    setToast(null);
  }, []);

  useEffect(() => {
    const { model } = handle;
    const stop = handle.on('summary', (summary) => {
      changes.current = [...changes.current, ...summary.changes];
      const lines = model.summarize(changes.current, { excludeUserId: model.user.id });
      const target = [...changes.current]
        .reverse()
        .find((c) => model.highlights.has(c.id) || model.notes.get(c.id)?.highlightId !== undefined);
      const highlightId =
        target === undefined
          ? undefined
          : model.highlights.has(target.id)
            ? target.id
            : model.notes.get(target.id)?.highlightId;
      setToast({ lines, ...(highlightId !== undefined ? { highlightId } : {}) });
      clearTimeout(timer.current);
      timer.current = setTimeout(dismiss, TOAST_MS);
    });
    return () => {
      stop();
      dismiss();
    };
  }, [handle, dismiss]);
  return { toast, dismiss };
}
