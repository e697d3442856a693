import type { Context } from 'hono';
import { upgradeWebSocket } from '@hono/node-server';
import type { WebSocket } from 'ws';
import type { RelayLimits } from '../ports/admission.js';
import type { RelayCore } from '../core/relay-core.js';
import { admitRequest, type AdmissionConfig } from './admit-request.js';
import { loggableTarget, readRequest } from './read-request.js';
import { errorFields, type Logger } from '../core/logger.js';
import { RELAY_UPGRADE, type UpgradeSlot } from './relay-upgrade.js';
import { bindSocket, type Admitted } from './socket-binding.js';

export const SYNC_PREFIX = '/v1/sync/';

export interface WebSocketRouteOptions {
  readonly core: RelayCore;
  readonly admission: AdmissionConfig;
  readonly limits: RelayLimits | undefined;
  readonly logger: Logger;
  /** The route's full prefix, base path included: `/v1/sync/` or `/collab/v1/sync/`. */
  readonly prefix: string;
}

/**
 * GET /v1/sync/<doc-name>: admission, then the upgrade, then frames to the core. Under the relay's
 * own upgrade handler (`relay.handleUpgrade`, what `listenRelay` uses) the route only leaves the
 * admission in the env and the handler completes the handshake; under @hono/node-server's
 * `serve({ websocket: relay.websocket })` it goes through hono's `upgradeWebSocket`, which keeps
 * the request and its context alive for as long as the socket is open.
 */
export function createWebSocketRoute(options: WebSocketRouteOptions) {
  return async (c: Context): Promise<Response> => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return c.text('WebSocket upgrade expected', 426);
    const admission = await admitRequest(readRequest(c, options.prefix, 'socket'), options.admission);
    if (!admission.ok) {
      options.core.metrics.refusals.inc({ reason: admission.refusal.reason });
      options.logger.info(
        { reason: admission.refusal.reason, status: admission.refusal.code, path: loggableTarget(c) },
        'upgrade refused',
      );
      return c.text(admission.refusal.message ?? admission.refusal.reason, admission.refusal.code as 400);
    }
    const context = admission.context;
    const admitted: Admitted = { context, meter: options.limits?.createMeter?.(context) };
    const slot = (c.env as Record<symbol, UpgradeSlot | undefined> | undefined)?.[RELAY_UPGRADE];
    if (slot !== undefined) {
      slot.admitted = admitted;
      return c.body(null);
    }
    return upgradeWithHono(c, admitted, options);
  };
}

/** The @hono/node-server path (see above); the socket is bound the same way once open. */
function upgradeWithHono(c: Context, admitted: Admitted, options: WebSocketRouteOptions): Promise<Response> {
  const { core, logger } = options;
  const docName = admitted.context.docName;
  const opened = releaseIfNeverOpened(c, admitted);
  return upgradeWebSocket(
    c,
    {
      onOpen(_event, ws) {
        opened.value = true;
        bindSocket(ws.raw as WebSocket, admitted, core, logger);
      },
    },
    { onError: (error: unknown) => logger.error({ doc: docName, ...errorFields(error) }, 'socket handler failed') },
  );
}

/** If the handshake never completes, the core never sees the connection: free its slot. */
function releaseIfNeverOpened(c: Context, admitted: Admitted): { value: boolean } {
  const opened = { value: false };
  const socket = (c.env as { incoming?: { socket?: { once(event: 'close', listener: () => void): void } } } | undefined)
    ?.incoming?.socket;
  socket?.once('close', () => {
    if (!opened.value) admitted.context.release?.();
  });
  return opened;
}
