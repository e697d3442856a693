/** Thrown when an awaited condition or event does not happen in time. */
export class WaitTimeoutError extends Error {
  readonly code = 'wait_timeout' as const;
  override readonly name = 'WaitTimeoutError';
}

/**
 * Resolves once `check()` is true, re-checking whenever `subscribe`'s callback fires (an event:
 * a doc update, an awareness change, a log line). Rejects after `timeoutMs`.
 */
export function waitUntil(
  check: () => boolean,
  subscribe: (onEvent: () => void) => () => void,
  options: { readonly timeoutMs?: number; readonly what?: string } = {},
): Promise<void> {
  if (check()) return Promise.resolve();
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    let unsubscribe: () => void = () => undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}`));
    }, timeoutMs);
    unsubscribe = subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** Rejects with WaitTimeoutError when `promise` does not settle within `timeoutMs`. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${what}`)),
      timeoutMs,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
