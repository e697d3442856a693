import { CloseCode, closeAction } from '@marginalia/protocol';
import type { Backoff } from './backoff.js';
import { ClientError, type ClientErrorCode } from './client-error.js';
import { createEmitter } from './emitter.js';
import { createTimer, type Timers } from './timers.js';
import type { RefusalProbe } from './refusal-probe.js';
import type { TokenSource } from './token-source.js';
import { messageBytes, refusalCloseCode, WS_OPEN, type WebSocketConstructor, type WebSocketLike } from './websocket-like.js';

export type TransportState = 'offline' | 'connecting' | 'open';

export interface TransportEvents extends Record<string, readonly unknown[]> {
  state: [TransportState];
  /** A socket opened: a new connection starts (message numbering restarts). */
  open: [];
  message: [Uint8Array];
  /** The socket closed with this code (a refused upgrade is reported with its 44xx equivalent). */
  closed: [number];
  /** Retrying stopped for good (until `connect()`). */
  stopped: [ClientError];
  /** A connection attempt is about to start (for metrics and tests). */
  attempt: [];
  /** The next attempt is scheduled after this many ms. */
  retry: [number];
}

export interface TransportOptions {
  /** Full websocket URL of the document, without query. */
  readonly url: string;
  readonly tokens: TokenSource;
  readonly WebSocket: WebSocketConstructor;
  readonly timers: Timers;
  readonly backoff: Backoff;
  /** Reconnect when nothing arrived for this long while open (sleep, dead proxies). */
  readonly staleAfterMs: number;
  /** Give up on a socket that did not open within this long (a frozen relay, a half-open network). */
  readonly connectTimeoutMs: number;
  /** Asks why a socket closed before opening when the socket itself cannot say (browsers). */
  readonly probe?: RefusalProbe;
}

export interface Transport {
  readonly state: TransportState;
  /** Why retrying stopped, until the next `connect()`. */
  readonly stoppedBy: ClientError | undefined;
  connect(): void;
  disconnect(): void;
  send(bytes: Uint8Array): boolean;
  /** The connection did its job (handshake done): the next failure starts from the shortest delay. */
  markHealthy(): void;
  on: ReturnType<typeof createEmitter<TransportEvents>>['on'];
  close(): void;
}

/** Reported (and sent) when the client gives up on a silent socket; it retries with backoff. */
const STALE_CLOSE_CODE = 4000;

const STOP_CODES: Readonly<Record<number, ClientErrorCode>> = {
  [CloseCode.BadRequest]: 'bad_request',
  [CloseCode.Unauthenticated]: 'unauthenticated',
  [CloseCode.Forbidden]: 'forbidden',
  [CloseCode.NotFound]: 'not_found',
  [CloseCode.TooLarge]: 'too_large',
};

/** One document's websocket: connects, reconnects with backoff, obeys close codes, refreshes tokens. */
export function createTransport(options: TransportOptions): Transport {
  const events = createEmitter<TransportEvents>();
  const retryTimer = createTimer(options.timers);
  const staleTimer = createTimer(options.timers);
  let state: TransportState = 'offline';
  let wanted = false;
  let socket: WebSocketLike | undefined;
  let stoppedBy: ClientError | undefined;
  let refreshedSinceOpen = false;
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
    events.emit('stopped', error);
  };

  const schedule = (ms: number): void => {
    events.emit('retry', ms);
    retryTimer.arm(ms, () => void attempt());
  };

  /**
   * Lets go of the current socket at once: its events no longer count. `force` also tears it down without
   * waiting for the close handshake (a frozen or vanished peer never answers it; `ws` would wait 30 s).
   */
  const release = (code: number, reason: string, force: boolean): boolean => {
    generation += 1;
    staleTimer.cancel();
    const old = socket;
    socket = undefined;
    if (old === undefined) return false;
    old.onopen = null;
    old.onmessage = null;
    old.onclose = null;
    old.onerror = () => undefined;
    old.close(code, reason);
    if (force) (old as { terminate?: () => void }).terminate?.();
    return true;
  };

  /** A socket that did not open in time, or on which nothing arrived for too long: drop it and retry. */
  const abandon = (reason: string): void => {
    if (!release(STALE_CLOSE_CODE, reason, true)) return;
    setState('offline');
    events.emit('closed', STALE_CLOSE_CODE);
    afterClose(STALE_CLOSE_CODE, undefined);
  };

  const armStale = (): void => staleTimer.arm(options.staleAfterMs, () => abandon('stale connection'));

  const afterClose = (code: number, token: string | undefined): void => {
    if (!wanted) return;
    const action = closeAction(code);
    if (action === 'stop') {
      stop(new ClientError(STOP_CODES[code] ?? 'bad_request', `the relay closed the connection with ${code}`, { closeCode: code }));
    } else if (action === 'refresh-token') {
      if (!options.tokens.canRefresh || refreshedSinceOpen) {
        stop(new ClientError('unauthenticated', 'the relay refused the token', { closeCode: code }));
        return;
      }
      refreshedSinceOpen = true;
      options.tokens.refresh(token).then(
        () => wanted && schedule(0),
        (error: ClientError) => wanted && stop(error),
      );
    } else {
      schedule(options.backoff.next(code === CloseCode.RateLimited ? 'rate-limited' : 'normal'));
    }
  };

  const open = (url: string, token: string | undefined): void => {
    const ws = new options.WebSocket(url);
    const mine = generation;
    let opened = false;
    let refusal: number | undefined;
    socket = ws;
    ws.binaryType = 'arraybuffer';
    staleTimer.arm(options.connectTimeoutMs, () => abandon('connect timeout'));
    ws.onopen = () => {
      if (mine !== generation) return;
      opened = true;
      refreshedSinceOpen = false;
      setState('open');
      armStale();
      events.emit('open');
    };
    ws.onmessage = (event) => {
      if (mine !== generation) return;
      armStale();
      const bytes = messageBytes(event.data);
      if (bytes !== undefined) events.emit('message', bytes);
    };
    ws.onerror = (event) => {
      refusal ??= refusalCloseCode(event);
    };
    ws.onclose = (event) => {
      if (mine !== generation) return;
      socket = undefined;
      staleTimer.cancel();
      setState('offline');
      const finish = (code: number): void => {
        if (mine !== generation) return;
        events.emit('closed', code);
        afterClose(code, token);
      };
      if (opened || refusal !== undefined || event.code !== 1006 || options.probe === undefined) {
        finish(!opened && refusal !== undefined ? refusal : event.code);
        return;
      }
      options.probe(token).then(
        (code) => finish(code ?? event.code),
        () => finish(event.code),
      );
    };
  };

  const attempt = async (): Promise<void> => {
    if (!wanted || socket !== undefined) return;
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
    open(withQuery(options.url, token), token);
  };

  const dropSocket = (): void => {
    const had = release(1000, 'client disconnect', false);
    setState('offline'); // first: the status must not pass through 'connected' when the handshake state resets
    if (had) events.emit('closed', 1000);
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
      void attempt();
    },
    disconnect() {
      wanted = false;
      retryTimer.cancel();
      dropSocket();
    },
    send(bytes) {
      if (socket === undefined || socket.readyState !== WS_OPEN || state !== 'open') return false;
      socket.send(bytes);
      return true;
    },
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

function withQuery(url: string, token: string | undefined): string {
  const params = new URLSearchParams({ acks: '1' });
  if (token !== undefined) params.set('token', token);
  return `${url}${url.includes('?') ? '&' : '?'}${params.toString()}`;
}

/** `ws://host:8787` + `band-7/setlists` -> `ws://host:8787/v1/sync/band-7/setlists`. */
export function docUrl(base: string, docName: string): string {
  const path = docName.split('/').map(encodeURIComponent).join('/');
  return `${base.replace(/\/+$/, '')}/v1/sync/${path}`;
}
