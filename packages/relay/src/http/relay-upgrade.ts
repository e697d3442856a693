import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { errorFields, type Logger } from '../core/logger.js';
import type { Admitted } from './socket-binding.js';

/**
 * The key under which the relay's own upgrade handler puts an {@link UpgradeSlot} into the hono
 * `env` of an upgrade request. The WebSocket route admits the request and leaves its result there.
 */
export const RELAY_UPGRADE = Symbol('marginalia.relay-upgrade');

export interface UpgradeSlot {
  admitted: Admitted | undefined;
}

/** A hono app's `fetch` (any app that mounts the relay's). */
export type UpgradeFetch = (request: Request, env: { incoming: IncomingMessage }) => Response | Promise<Response>;

export interface UpgradeHandlerOptions {
  /** The app's fetch: the whole app (middleware, routes, admission) answers the upgrade request. */
  readonly fetch: UpgradeFetch;
  readonly server: WebSocketServer;
  bind(ws: WebSocket, admitted: Admitted): void;
  readonly logger: Logger;
}

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * A Node `upgrade` listener: runs the request through the hono app; when the route admitted it,
 * completes the WebSocket handshake and binds the socket, otherwise writes the app's response.
 * Unlike hono's `upgradeWebSocket` helper, nothing of the request outlives the handshake.
 */
export function createUpgradeHandler(options: UpgradeHandlerOptions): UpgradeHandler {
  const socketError = (error: unknown): void => options.logger.debug(errorFields(error), 'socket error before upgrade');
  return (request, socket, head) => {
    socket.on('error', socketError);
    upgrade(options, request, socket, head)
      .catch((error: unknown) => {
        options.logger.error(errorFields(error), 'upgrade failed');
        socket.destroy();
      })
      .finally(() => socket.off('error', socketError));
  };
}

async function upgrade(
  options: UpgradeHandlerOptions,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const slot: UpgradeSlot = { admitted: undefined };
  const response = await answer(options, request, slot);
  const admitted = slot.admitted;
  if (admitted === undefined) return reject(socket, response);
  if (socket.destroyed) return admitted.context.release?.();
  let settled = false;
  options.server.handleUpgrade(request, socket, head, (ws) => {
    if (settled) return ws.terminate();
    settled = true;
    options.bind(ws, admitted);
  });
  // ws answered the handshake itself (bad key or version, server closing) or the socket went away.
  if (!settled) {
    settled = true;
    admitted.context.release?.();
  }
}

async function answer(options: UpgradeHandlerOptions, request: IncomingMessage, slot: UpgradeSlot): Promise<Response> {
  let fetchRequest: Request;
  try {
    fetchRequest = toFetchRequest(request);
  } catch (error) {
    options.logger.debug(errorFields(error), 'bad upgrade request');
    return new Response('bad request', { status: 400 });
  }
  return options.fetch(fetchRequest, { incoming: request, [RELAY_UPGRADE]: slot } as { incoming: IncomingMessage });
}

function toFetchRequest(request: IncomingMessage): Request {
  const target = request.url ?? '/';
  const scheme = (request.socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http';
  const url = target.startsWith('/') ? `${scheme}://${request.headers.host ?? 'localhost'}${target}` : target;
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.append(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(url, { headers });
}

const SKIPPED_HEADERS = new Set(['connection', 'content-length', 'transfer-encoding', 'upgrade', 'keep-alive']);

/** Writes the app's (refusal) response on the raw socket and closes it. */
async function reject(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  if (socket.destroyed) return;
  const lines = [
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`,
    'Connection: close',
    `Content-Length: ${body.byteLength}`,
  ];
  response.headers.forEach((value, key) => {
    if (!SKIPPED_HEADERS.has(key)) lines.push(`${key}: ${value}`);
  });
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]));
}
