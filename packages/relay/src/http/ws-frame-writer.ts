import type { WebSocket } from 'ws';

/**
 * The one place the relay reaches under `ws`'s public API: writing a binary frame it framed itself
 * straight to the socket underneath a `WebSocket`, so that a broadcast frames its update once for
 * all recipients (one header and one buffer, one `socket.write`) instead of `ws.send` framing it
 * again for every socket (two option objects, a header buffer and a corked two-buffer `writev` each).
 *
 * It is only equivalent to `ws.send` when `ws` would write the frame at once itself: the socket is
 * open, no compression is negotiated (compressed frames queue behind zlib) and the sender is idle
 * (`_state` 0: nothing queued behind a compression or a Blob) between whole messages. Anything
 * else (or a `ws` whose private fields look different) falls back to `ws.send`, so frames never
 * overtake each other. ws-frame-writer.test.ts pins these fields against the installed `ws`.
 */

/** Frames above this size go through `ws.send` (framing them here would copy them whole). */
export const MAX_PREFRAMED_BYTES = 64 * 1024;

interface WsInternals {
  readonly _socket?: { write(chunk: Uint8Array): boolean; destroyed?: boolean } | null;
  readonly _sender?: { readonly _state?: unknown; readonly _firstFragment?: unknown } | null;
  readonly _extensions?: Record<string, unknown>;
}

/** True when a self-framed write is exactly what `ws.send(frame)` would write, and in order. */
export function canWritePreframed(ws: WebSocket): boolean {
  const inner = ws as unknown as WsInternals;
  const sender = inner._sender;
  const socket = inner._socket;
  return (
    ws.readyState === ws.OPEN &&
    sender !== undefined &&
    sender !== null &&
    sender._state === 0 &&
    sender._firstFragment === true &&
    socket !== undefined &&
    socket !== null &&
    socket.destroyed !== true &&
    typeof socket.write === 'function' &&
    inner._extensions !== undefined &&
    Object.keys(inner._extensions).length === 0
  );
}

/** Writes `wire` (from `frameBinary`) to the socket under `ws`; call only after `canWritePreframed`. */
export function writePreframed(ws: WebSocket, wire: Uint8Array): void {
  (ws as unknown as Required<WsInternals>)._socket!.write(wire);
}

/**
 * A server-to-client WebSocket frame (RFC 6455 section 5.2) holding `payload` as one binary
 * message: FIN and opcode 2, unmasked, the 7-bit, 16-bit or 64-bit length, then the payload.
 */
export function frameBinary(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const wire = Buffer.allocUnsafe(headerBytes + length);
  wire[0] = 0x82;
  if (length < 126) {
    wire[1] = length;
  } else if (length < 65_536) {
    wire[1] = 126;
    wire.writeUInt16BE(length, 2);
  } else {
    wire[1] = 127;
    wire.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    wire.writeUInt32BE(length >>> 0, 6);
  }
  wire.set(payload, headerBytes);
  return wire;
}

/**
 * The wire form of the frame sent last, kept while the same frame goes to the next socket: a
 * broadcast hands every socket the same `Uint8Array` in a row, so it is framed once. One entry:
 * nothing accumulates, and a frame is never held past the next different one.
 */
export function createFrameCache(): (payload: Uint8Array) => Buffer {
  let lastPayload: Uint8Array | undefined;
  let lastWire: Buffer | undefined;
  return (payload) => {
    if (payload !== lastPayload || lastWire === undefined) {
      lastPayload = payload;
      lastWire = frameBinary(payload);
    }
    return lastWire;
  };
}
