import { ClientError, type ClientErrorCode } from './client-error.js';
import { isNetworkFailure } from './http-fetch.js';
import { runHttpRound, type HttpRoundOptions } from './http-round.js';
import { HttpStatusError, type RelayHttp } from './relay-http.js';
import { createTimer, type Timers } from './timers.js';

/**
 * Where the HTTP fallback of one document stands:
 * - `off`: not in use (the socket works, or is not wanted, or HTTP does not work either);
 * - `joining`: the socket keeps failing; asking the relay's info over HTTP to see whether HTTP gets through;
 * - `active`: syncing over HTTP (push what the relay lacks, poll for the rest) while the socket is retried;
 * - `refused`: the relay refused the HTTP requests (403, 404, 413, 400): not tried again until `reset()`.
 */
export type HttpFallbackState = 'off' | 'joining' | 'active' | 'refused';

export interface HttpFallbackTuning {
  /** Poll this soon after something moved (a local edit, a remote change). */
  readonly minPollMs: number;
  /** Idle polls back off (doubling) up to this. */
  readonly maxPollMs: number;
  /** While active, try the socket again this often (it goes back to the socket as soon as one opens). */
  readonly socketRetryMs: number;
}

export interface HttpFallbackOptions extends Omit<HttpRoundOptions, 'http' | 'onChange'>, HttpFallbackTuning {
  readonly http: RelayHttp;
  readonly timers: Timers;
  readonly random: () => number;
  /** The relay's info arrived over HTTP (limits, `canWrite`). */
  readonly onInfo: (info: Awaited<ReturnType<RelayHttp['info']>>) => void;
  /** Starts the socket's scheduled retry now. */
  readonly retrySocket: () => void;
  /** The state, the unsynced count or `caughtUp` changed. */
  readonly onChange: () => void;
}

export interface HttpFallback {
  readonly state: HttpFallbackState;
  /** Active and at least one poll completed: we have what the relay had then. */
  readonly caughtUp: boolean;
  /** The socket keeps failing: see whether HTTP works, and sync over it if so (no-op unless `off`). */
  join(): void;
  /** The socket opened, or the app went offline: stop (an exchange under way is abandoned). */
  leave(): void;
  /** Forget a refusal (the app asked to connect again). */
  reset(): void;
  /** A local change: exchange soon. */
  nudge(): void;
  close(): void;
}

/** After a local change, wait this long so that a burst of keystrokes goes out in one POST. */
const NUDGE_MS = 120;

const REFUSALS: Readonly<Record<number, ClientErrorCode>> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  413: 'too_large',
};

/**
 * Syncs one document over the relay's HTTP endpoints while its websocket cannot open (a proxy that refuses
 * upgrades, a captive portal): a POST answered after commit is the durability ack, polls back off while
 * nothing moves. Presence needs the socket: there is none meanwhile (the handle says so).
 */
export function createHttpFallback(options: HttpFallbackOptions): HttpFallback {
  const pollTimer = createTimer(options.timers);
  const socketTimer = createTimer(options.timers);
  let state: HttpFallbackState = 'off';
  let caughtUp = false;
  let interval = options.minPollMs;
  let running = false;
  let again = false;
  /** The poll timer is armed for NUDGE_MS (later keystrokes do not push it further out). */
  let nudged = false;
  /** Bumped on every join and leave: a request of an older session is ignored when it answers. */
  let generation = 0;

  const set = (next: HttpFallbackState): void => {
    if (next !== 'active') {
      pollTimer.cancel();
      socketTimer.cancel();
      caughtUp = false;
      nudged = false;
    }
    if (next === state) return;
    state = next;
    options.onChange();
  };
  const jitter = (ms: number): number => ms * (0.8 + options.random() * 0.4);
  const armSocketRetry = (): void =>
    socketTimer.arm(jitter(options.socketRetryMs), () => {
      options.retrySocket();
      armSocketRetry();
    });

  /** What a failed request means: HTTP does not work (off), the relay refuses (refused), or try later. */
  const failed = (error: unknown): void => {
    if (isNetworkFailure(error)) return set('off');
    if (error instanceof HttpStatusError && REFUSALS[error.status] !== undefined) {
      const code = error.status === 403 && error.reason === 'read_only' ? 'permission_denied' : REFUSALS[error.status];
      options.onError(new ClientError(code as ClientErrorCode, `the relay refused an HTTP request: ${error.message}`));
      return set('refused');
    }
    if (error instanceof ClientError) {
      options.onError(error);
      if (error.code === 'token_refresh_failed' || error.code === 'unauthenticated') return set('refused');
    }
    interval = options.maxPollMs; // 429, 5xx, an unusable answer: later
  };

  const exchange = async (mine: number): Promise<void> => {
    running = true;
    again = false;
    nudged = false;
    const live = (): boolean => mine === generation && state === 'active';
    try {
      const result = await runHttpRound(options, live);
      if (!live()) return;
      interval = result.pushed || result.pulled ? options.minPollMs : Math.min(options.maxPollMs, interval * 2);
      caughtUp = true;
      options.onChange();
    } catch (error) {
      if (live()) failed(error);
    } finally {
      running = false;
    }
    if (!live()) return;
    nudged = again;
    pollTimer.arm(again ? NUDGE_MS : jitter(interval), () => void exchange(mine));
  };

  return {
    get state() {
      return state;
    },
    get caughtUp() {
      return caughtUp;
    },
    join() {
      if (state !== 'off') return;
      const mine = ++generation;
      set('joining');
      options.http.info().then(
        (info) => {
          if (mine !== generation || state !== 'joining') return;
          options.onInfo(info);
          interval = options.minPollMs;
          set('active');
          armSocketRetry();
          void exchange(mine);
        },
        (error: unknown) => {
          if (mine !== generation || state !== 'joining') return;
          set('off');
          failed(error);
        },
      );
    },
    leave() {
      generation += 1;
      if (state !== 'refused') set('off');
    },
    reset() {
      generation += 1;
      set('off');
    },
    nudge() {
      if (state !== 'active') return;
      interval = options.minPollMs;
      if (running) {
        again = true;
        return;
      }
      if (nudged) return;
      nudged = true;
      const mine = generation;
      pollTimer.arm(NUDGE_MS, () => void exchange(mine));
    },
    close() {
      generation += 1;
      pollTimer.cancel();
      socketTimer.cancel();
      state = 'off';
    },
  };
}
