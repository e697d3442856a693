import { setTimeout as sleep } from 'node:timers/promises';

/** SQLite's result codes for "another connection holds the lock" (extended codes start with these). */
const LOCK_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED'];

export function isLockError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && LOCK_CODES.some((lock) => code === lock || code.startsWith(`${lock}_`));
}

export interface BusyRetryOptions {
  /** How long to keep retrying a locked database before giving up (the store's `busyTimeoutMs`). */
  readonly deadlineMs: number;
  /** First wait between attempts; it doubles up to `maxDelayMs`. */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
}

/**
 * Runs `work` (synchronous SQLite calls) and, while it fails because another connection holds
 * the lock, runs it again after a growing wait on a timer, until `deadlineMs` have passed. The
 * connection's own `busy_timeout` is 0, so no attempt blocks the event loop: the waits happen
 * between turns, and everything else (other documents' reads, /healthz) goes on meanwhile.
 */
export async function retryWhileLocked<T>(work: () => T, options: BusyRetryOptions): Promise<T> {
  const started = Date.now();
  let delay = options.firstDelayMs ?? 2;
  const maxDelay = options.maxDelayMs ?? 100;
  for (;;) {
    try {
      return work();
    } catch (error) {
      const waited = Date.now() - started;
      if (!isLockError(error) || waited >= options.deadlineMs) throw error;
      await sleep(Math.min(delay, options.deadlineMs - waited));
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}
