import type { WebSocket, WebSocketServer } from 'ws';

/**
 * Waits up to `graceMs` for every socket of `server` to finish its close handshake (the relay
 * has already sent its close frame), then cuts off the ones that did not answer, so a client that
 * never answers cannot hold the process open for ws's own 30 s close timeout.
 */
export async function closeSockets(server: WebSocketServer, graceMs: number): Promise<void> {
  const open = [...server.clients].filter((socket) => socket.readyState !== socket.CLOSED);
  if (open.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([Promise.all(open.map(closed)), grace]);
  clearTimeout(timer);
  for (const socket of open) if (socket.readyState !== socket.CLOSED) socket.terminate();
  await Promise.all(open.map(closed));
}

function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}
