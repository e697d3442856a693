import type { WebSocket } from 'ws';
import type { ConnectionContext, FrameMeter } from '../ports/admission.js';
import type { RelaySocket } from '../ports/socket.js';
import type { ConnectionHandle, RelayCore } from '../core/relay-core.js';
import { errorFields, type Logger } from '../core/logger.js';
import type { RelayMetrics } from '../core/relay-metrics.js';
import { canWritePreframed, createFrameCache, MAX_PREFRAMED_BYTES, writePreframed } from './ws-frame-writer.js';

/** A client that lets this much pile up unread is dropped (1013) instead of growing memory. */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** What an admitted upgrade carries to its socket. */
export interface Admitted {
  readonly context: ConnectionContext;
  readonly meter: FrameMeter | undefined;
}

/**
 * Attaches an open `ws` socket to the core. Per connection this keeps the socket adapter, the
 * core's connection and three small listeners: nothing of the HTTP request (hono's context, the
 * Request, the Node IncomingMessage and their headers) stays reachable once the upgrade is done.
 */
export function bindSocket(ws: WebSocket, admitted: Admitted, core: RelayCore, logger: Logger): void {
  const handle = core.connect(admitted.context, new WsRelaySocket(ws, core.metrics), admitted.meter);
  ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => receive(handle, data, isBinary));
  ws.once('close', () => handle.closed());
  ws.on('error', (error: Error) => socketError(error, admitted.context.docName, core.metrics, logger));
}

function receive(handle: ConnectionHandle, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
  if (!isBinary) return handle.receive(bytes.toString());
  // A view into a larger read buffer is copied: Yjs keeps views of binary content it decodes.
  handle.receive(bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes));
}

/** ws closes the socket itself on a protocol violation (1009 past its size cap, 1002, 1007...). */
export function socketError(error: unknown, docName: string, metrics: RelayMetrics, logger: Logger): void {
  const reason = transportRefusal(error);
  const log = { doc: docName, ...errorFields(error) };
  if (reason === undefined) return logger.debug(log, 'socket error');
  metrics.refusals.inc({ reason });
  logger.info({ ...log, reason }, 'connection refused');
}

/** The refusal reason of a protocol error `ws` raised (it closes the socket itself: 1009, 1002, 1007). */
function transportRefusal(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return 'frame_too_large';
  return typeof code === 'string' && code.startsWith('WS_ERR_') ? 'bad_transport_frame' : undefined;
}

/** Shared by every socket of the process: a broadcast's frame is framed once for all of them. */
const wireOf = createFrameCache();

/** The core's view of a `ws` socket (a class: one per connection, methods shared). */
export class WsRelaySocket implements RelaySocket {
  constructor(
    private readonly ws: WebSocket,
    private readonly metrics: RelayMetrics,
  ) {}

  send(frame: Uint8Array): void {
    const { ws } = this;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.metrics.refusals.inc({ reason: 'slow_reader' });
      return ws.close(1013, 'client reads too slowly');
    }
    if (frame.byteLength <= MAX_PREFRAMED_BYTES && canWritePreframed(ws)) return writePreframed(ws, wireOf(frame));
    ws.send(frame);
  }

  close(code: number, reason: string): void {
    const { ws } = this;
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
  }
}
