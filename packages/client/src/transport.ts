import type { ClientError } from './client-error.js';
import { decideAfterClose } from './close-policy.js';
import { withQuery } from './doc-url.js';
import { createEmitter } from './emitter.js';
import { createTimer } from './timers.js';
import { openSocketConnection, STALE_CLOSE_CODE, type SocketConnection } from './socket-connection.js';
import type { Transport, TransportEvents, TransportOptions, TransportState } from './transport-types.js';

export { docUrl } from './doc-url.js';
export type { Transport, TransportEvents, TransportOptions, TransportState } from './transport-types.js';

/**
 * One document's websocket, kept connected while wanted: attempts with a token, reconnects with backoff after
 * a close, stops or refreshes the token as the close-code policy says (close-policy.ts). The socket itself
 * (frames, timeouts, refusal probe) is socket-connection.ts.
 */
export function createTransport(options: TransportOptions): Transport {
  const events = createEmitter<TransportEvents>();
  const retryTimer = createTimer(options.timers);
  let state: TransportState = 'offline';
  let wanted = false;
  let connection: SocketConnection | undefined;
  let stoppedBy: ClientError | undefined;
  let refreshedSinceOpen = false;
  let nextRetryAt: number | undefined;
  /** Bumped by every attempt and every release: callbacks of an older one are ignored. */
  let generation = 0;

  const setState = (next: TransportState): void => {
    if (next === state) return;
    state = next;
    events.emit('state', next);
  };
  const stop = (error: ClientError): void => {
    wanted = false;
    stoppedBy = error;
    retryTimer.cancel();
    nextRetryAt = undefined;
    events.emit('stopped', error);
  };
  const schedule = (ms: number): void => {
    nextRetryAt = options.timers.now() + ms;
    events.emit('retry', ms);
    retryTimer.arm(ms, () => {
      nextRetryAt = undefined;
      void attempt();
    });
  };

  const afterClose = (code: number, token: string | undefined): void => {
    if (!wanted) return;
    const decision = decideAfterClose(code, { canRefresh: options.tokens.canRefresh, refreshedSinceOpen });
    if (decision.kind === 'stop') {
      stop(decision.error);
    } else if (decision.kind === 'refresh-token') {
      refreshedSinceOpen = true;
      options.tokens.refresh(token).then(
        () => wanted && schedule(0),
        (error: ClientError) => wanted && stop(error),
      );
    } else {
      schedule(options.backoff.next(decision.backoff));
    }
  };

  const open = (token: string | undefined): void => {
    const mine = generation;
    const settings = { WebSocket: options.WebSocket, timers: options.timers, probe: options.probe, token };
    connection = openSocketConnection(
      {
        ...settings,
        url: withQuery(options.url, token),
        connectTimeoutMs: options.connectTimeoutMs,
        staleAfterMs: options.staleAfterMs,
      },
      {
        opened: () => {
          refreshedSinceOpen = false;
          setState('open');
          events.emit('open');
        },
        message: (bytes) => events.emit('message', bytes),
        lost: () => {
          connection = undefined;
          setState('offline');
        },
        closed: (code) => {
          if (mine !== generation) return;
          events.emit('closed', code);
          afterClose(code, token);
        },
        abandoned: () => {
          generation += 1;
          connection = undefined;
          setState('offline');
          events.emit('closed', STALE_CLOSE_CODE);
          afterClose(STALE_CLOSE_CODE, undefined);
        },
      },
    );
  };

  const attempt = async (): Promise<void> => {
    if (!wanted || connection !== undefined) return;
    const mine = ++generation;
    setState('connecting');
    events.emit('attempt');
    let token: string | undefined;
    try {
      token = await options.tokens.current();
    } catch (error) {
      if (mine === generation && wanted) {
        setState('offline');
        stop(error as ClientError);
      }
      return;
    }
    if (mine !== generation || !wanted) return;
    open(token);
  };

  const dropSocket = (): void => {
    generation += 1;
    const had = connection;
    connection = undefined;
    had?.release(1000, 'client disconnect', false);
    setState('offline'); // first: the status must not pass through 'connected' when the handshake state resets
    if (had !== undefined) events.emit('closed', 1000);
  };

  return {
    get state() {
      return state;
    },
    get stoppedBy() {
      return stoppedBy;
    },
    connect() {
      if (wanted) return;
      wanted = true;
      stoppedBy = undefined;
      refreshedSinceOpen = false;
      options.backoff.reset();
      retryTimer.cancel();
      nextRetryAt = undefined;
      void attempt();
    },
    disconnect() {
      wanted = false;
      retryTimer.cancel();
      nextRetryAt = undefined;
      dropSocket();
    },
    get nextRetryAt() {
      return nextRetryAt;
    },
    get failures() {
      return options.backoff.failures;
    },
    retryNow() {
      if (!wanted || nextRetryAt === undefined) return;
      retryTimer.cancel();
      nextRetryAt = undefined;
      void attempt();
    },
    send: (bytes) => state === 'open' && connection !== undefined && connection.send(bytes),
    markHealthy() {
      options.backoff.reset();
    },
    on: events.on,
    close() {
      wanted = false;
      retryTimer.cancel();
      dropSocket();
      events.clear();
    },
  };
}
