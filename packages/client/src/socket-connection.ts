import { createTimer, type Timers } from './timers.js';
import type { ProbeVerdict, RefusalProbe } from './refusal-probe.js';
import { messageBytes, refusalCloseCode, WS_OPEN, type WebSocketConstructor } from './websocket-like.js';

/** Reported (and sent) when the client gives up on a silent socket; it retries with backoff. */
export const STALE_CLOSE_CODE = 4000;

export interface SocketConnectionOptions {
  readonly url: string;
  readonly WebSocket: WebSocketConstructor;
  readonly timers: Timers;
  /** Give up on a socket that did not open within this long (a frozen relay, a half-open network). */
  readonly connectTimeoutMs: number;
  /** Give up on an open socket on which nothing arrived for this long (sleep, dead proxies). */
  readonly staleAfterMs: number;
  /** Asks why a socket closed before opening when the socket itself cannot say (browsers). */
  readonly probe: RefusalProbe | undefined;
  /** The token the socket was opened with (for the probe). */
  readonly token: string | undefined;
}

export interface SocketConnectionHandlers {
  opened(): void;
  message(bytes: Uint8Array): void;
  /** The socket closed; `closed` follows, after the refusal probe when one is asked. */
  lost(): void;
  /** Why it closed: its close code, or a refused upgrade's 44xx equivalent. */
  closed(code: number): void;
  /** It did not open in time, or nothing arrived for too long: it was released (closed with STALE_CLOSE_CODE). */
  abandoned(): void;
}

/** One websocket of a transport: frames in and out, the connect and stale timeouts, the refusal probe. */
export interface SocketConnection {
  /** Sends when the socket is open; false otherwise. */
  send(bytes: Uint8Array): boolean;
  /**
   * Lets go of the socket at once: no handler is called afterwards. `force` also tears it down without waiting
   * for the close handshake (a frozen or vanished peer never answers it; `ws` would wait 30 s).
   */
  release(code: number, reason: string, force: boolean): void;
}

export function openSocketConnection(
  options: SocketConnectionOptions,
  handlers: SocketConnectionHandlers,
): SocketConnection {
  const ws = new options.WebSocket(options.url);
  const timeout = createTimer(options.timers);
  let live = true;
  let opened = false;
  let refusal: number | undefined;

  const release = (code: number, reason: string, force: boolean): void => {
    if (!live) return;
    live = false;
    timeout.cancel();
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
    ws.onerror = () => undefined;
    ws.close(code, reason);
    if (force) (ws as { terminate?: () => void }).terminate?.();
  };
  /** A socket that did not open in time, or on which nothing arrived for too long: drop it. */
  const abandon = (reason: string): void => {
    release(STALE_CLOSE_CODE, reason, true);
    handlers.abandoned();
  };
  const armStale = (): void => timeout.arm(options.staleAfterMs, () => abandon('stale connection'));

  ws.binaryType = 'arraybuffer';
  timeout.arm(options.connectTimeoutMs, () => abandon('connect timeout'));
  ws.onopen = () => {
    opened = true;
    armStale();
    handlers.opened();
  };
  ws.onmessage = (event) => {
    armStale();
    const bytes = messageBytes(event.data);
    if (bytes !== undefined) handlers.message(bytes);
  };
  ws.onerror = (event) => {
    refusal ??= refusalCloseCode(event);
  };
  ws.onclose = (event) => {
    live = false;
    timeout.cancel();
    handlers.lost();
    const code = !opened && refusal !== undefined ? refusal : event.code;
    // Before it opened, a 1006 (all a browser sees) or a refusal that would stop retrying (what `ws` sees, maybe
    // from a proxy that blocks websockets) is checked against the relay over HTTP. Not 4401 (the token's own
    // refresh decides) nor 4429 (only means "later" either way).
    const ask = !opened && (refusal === undefined ? event.code === 1006 : refusal !== 4401 && refusal !== 4429);
    if (!ask || options.probe === undefined) {
      handlers.closed(code);
      return;
    }
    options.probe(options.token).then(
      (verdict) => handlers.closed(closeCodeAfterProbe(verdict, code)),
      () => handlers.closed(code),
    );
  };

  return {
    send(bytes) {
      if (!live || ws.readyState !== WS_OPEN) return false;
      ws.send(bytes);
      return true;
    },
    release,
  };
}

/**
 * The close code a socket that never opened is reported with, once the relay was asked over HTTP: its own
 * refusal; 1006 (retry) when it admits this client (the refusal came from something in between) or when it
 * cannot be reached over HTTP either (a refusal nobody can confirm is not worth stopping for); else `code`.
 */
function closeCodeAfterProbe(verdict: ProbeVerdict, code: number): number {
  if (verdict === 'admitted' || verdict === 'unreachable') return 1006;
  return verdict === 'unknown' ? code : verdict.closeCode;
}
