/**
 * An event handler property. Declared through a method so that its parameter is checked
 * bivariantly: the DOM's `(event: MessageEvent) => void` and `ws`'s `(event: WebSocket.MessageEvent)
 * => void` both fit, which a plain function type under `strictFunctionTypes` would refuse.
 */
export type EventHandlerLike<E> = { handle(event: E): void }['handle'] | null;

/** The part of the WebSocket API the client uses; browsers' WebSocket and the `ws` package both fit. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: EventHandlerLike<unknown>;
  onmessage: EventHandlerLike<{ readonly data: unknown }>;
  onclose: EventHandlerLike<{ readonly code: number; readonly reason: string }>;
  onerror: EventHandlerLike<unknown>;
}

/** `globalThis.WebSocket` in browsers; `WebSocket` of the `ws` package in Node (no cast needed). */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export const WS_OPEN = 1;

/** Turns a message event's data into bytes; undefined for text frames. */
export function messageBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data) && data.every((part) => part instanceof Uint8Array)) {
    const total = data.reduce((sum: number, part: Uint8Array) => sum + part.length, 0);
    const joined = new Uint8Array(total);
    let at = 0;
    for (const part of data) {
      joined.set(part, at);
      at += part.length;
    }
    return joined;
  }
  return undefined;
}

const STATUS_TO_CLOSE: Readonly<Record<number, number>> = {
  400: 4400,
  401: 4401,
  403: 4403,
  404: 4404,
  413: 4413,
  429: 4429,
};

/**
 * A refused upgrade (HTTP 401 before the websocket opened) reaches a browser only as close 1006.
 * Node's `ws` names the status in its error message; map it to the equivalent close code.
 */
export function refusalCloseCode(errorEvent: unknown): number | undefined {
  const message =
    (errorEvent as { message?: unknown; error?: { message?: unknown } } | null)?.message ??
    (errorEvent as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message !== 'string') return undefined;
  const match = /Unexpected server response: (\d{3})/.exec(message);
  return match === null ? undefined : STATUS_TO_CLOSE[Number(match[1])];
}
