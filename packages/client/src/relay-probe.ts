import { isNetworkFailure, type FetchLike } from './http-fetch.js';
import { createTimer, type Timers } from './timers.js';

export interface RelayProbeOptions {
  /** The relay's base URL (`ws(s)://host[/base]`); the probe asks `http(s)://host[/base]/healthz`. */
  readonly url: string;
  readonly fetch: FetchLike;
  readonly timers: Timers;
  readonly random: () => number;
  readonly intervalMs: number;
  /** True while some document waits to retry (the probe runs only then). */
  readonly needed: () => boolean;
  /** Probing only while the page is visible (a hidden tab keeps to its backoff). */
  readonly visible: () => boolean;
  /** The relay answered: reconnect now. */
  readonly onUp: () => void;
}

/**
 * While the relay is unreachable, a cheap `GET /healthz` every `intervalMs` (plus up to half of it at random,
 * so a crowd of clients spreads out) notices at once when it is back, instead of waiting out a backoff
 * of up to 30 s. Started by `kick()` (a document began waiting, the page became visible).
 */
export function createRelayProbe(options: RelayProbeOptions): { kick(): void; close(): void } {
  const timer = createTimer(options.timers);
  const health = new URL(options.url.replace(/^ws/, 'http'));
  health.pathname = `${health.pathname.replace(/\/+$/, '')}/healthz`;
  let inFlight = false;
  let closed = false;

  const tick = async (): Promise<void> => {
    if (closed || inFlight || !options.needed() || !options.visible()) return;
    inFlight = true;
    let up = false;
    try {
      up = (await options.fetch(health.toString(), { headers: {} })).status === 200;
    } catch (error) {
      if (!isNetworkFailure(error)) throw error;
    } finally {
      inFlight = false;
    }
    if (closed) return;
    if (up) options.onUp();
    schedule();
  };
  const schedule = (): void => {
    if (closed || !options.needed()) return;
    timer.arm(options.intervalMs * (1 + options.random() / 2), () => void tick());
  };
  return {
    kick() {
      if (!timer.armed && !inFlight) schedule();
    },
    close() {
      closed = true;
      timer.cancel();
    },
  };
}
