/** The clock and timers the client uses; inject a manual implementation in tests. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** One pending callback on a `Timers`, cancelled by `cancel()`; re-arming replaces the previous one. */
export interface Timer {
  arm(ms: number, callback: () => void): void;
  cancel(): void;
  readonly armed: boolean;
}

export function createTimer(timers: Timers): Timer {
  let handle: unknown;
  let armed = false;
  const cancel = (): void => {
    if (!armed) return;
    timers.clearTimeout(handle);
    armed = false;
  };
  return {
    arm(ms, callback) {
      cancel();
      armed = true;
      handle = timers.setTimeout(() => {
        armed = false;
        callback();
      }, ms);
    },
    cancel,
    get armed() {
      return armed;
    },
  };
}
