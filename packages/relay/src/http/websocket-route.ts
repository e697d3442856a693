import type { Context } from 'hono';
import { upgradeWebSocket } from '@hono/node-server';
import type { WebSocket } from 'ws';
import type { RelayLimits } from '../ports/admission.js';
import type { RelaySocket } from '../ports/socket.js';
import type { RelayCore } from '../core/relay-core.js';
import { admitRequest, type AdmissionConfig } from './admit-request.js';
import { loggableTarget, readRequest } from './read-request.js';
import { errorFields, type Logger } from '../core/logger.js';
import type { RelayMetrics } from '../core/relay-metrics.js';

export const SYNC_PREFIX = '/v1/sync/';

export interface WebSocketRouteOptions {
  readonly core: RelayCore;
  readonly admission: AdmissionConfig;
  readonly limits: RelayLimits | undefined;
  readonly logger: Logger;
}

/** GET /v1/sync/<doc-name>: admission, then the upgrade, then frames to the core. */
export function createWebSocketRoute(options: WebSocketRouteOptions) {
  return async (c: Context): Promise<Response> => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return c.text('WebSocket upgrade expected', 426);
    const admission = await admitRequest(readRequest(c, SYNC_PREFIX, 'socket'), options.admission);
    if (!admission.ok) {
      options.core.metrics.refusals.inc({ reason: admission.refusal.reason });
      options.logger.info('upgrade refused', { reason: admission.refusal.reason, status: admission.refusal.code, path: loggableTarget(c) });
      return c.text(admission.refusal.message ?? admission.refusal.reason, admission.refusal.code as 400);
    }
    const context = admission.context;
    const meter = options.limits?.createMeter?.(context);
    let handle: ReturnType<RelayCore['connect']> | undefined;
    // If the handshake never completes, the core never sees the connection: free its slot here.
    const socket = (c.env as { incoming?: { socket?: { once(event: 'close', listener: () => void): void } } } | undefined)
      ?.incoming?.socket;
    socket?.once('close', () => {
      if (handle === undefined) context.release?.();
    });
    const metrics = options.core.metrics;
    const log = { doc: context.docName };
    return upgradeWebSocket(c, {
      onOpen(_event, ws) {
        handle = options.core.connect(context, toRelaySocket(ws.raw as WebSocket, metrics), meter);
      },
      onMessage(event) {
        const data = event.data;
        handle?.receive(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer));
      },
      onClose() {
        handle?.closed();
      },
      onError(event) {
        // ws closes the socket itself on a protocol violation (1009 past its size cap, 1002...).
        const error = (event as ErrorEvent).error as unknown;
        const reason = transportRefusal(error);
        if (reason === undefined) return options.logger.debug('socket error', { ...log, ...errorFields(error) });
        metrics.refusals.inc({ reason });
        options.logger.info('connection refused', { ...log, reason, ...errorFields(error) });
      },
    }, {
      onError: (error: unknown) => options.logger.error('socket handler failed', { ...log, ...errorFields(error) }),
    });
  };
}

/** A client that lets this much pile up unread is dropped (1013) instead of growing memory. */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** The refusal reason of a protocol error `ws` raised (it closes the socket itself: 1009, 1002, 1007). */
function transportRefusal(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return 'frame_too_large';
  return typeof code === 'string' && code.startsWith('WS_ERR_') ? 'bad_transport_frame' : undefined;
}

function toRelaySocket(ws: WebSocket, metrics: RelayMetrics): RelaySocket {
  return {
    send(frame) {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        metrics.refusals.inc({ reason: 'slow_reader' });
        return ws.close(1013, 'client reads too slowly');
      }
      ws.send(frame);
    },
    close(code, reason) {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
    },
  };
}
