import type { WebSocket, WebSocketServer } from 'ws';

export interface Heartbeat {
  close(): void;
}

/**
 * Pings every socket of `server` each `intervalMs`; a socket that did not answer the previous
 * ping is terminated (its close then runs the normal cleanup: awareness removal, unload).
 */
export function startHeartbeat(server: WebSocketServer, intervalMs: number): Heartbeat {
  const alive = new WeakMap<WebSocket, boolean>();
  const timer = setInterval(() => {
    for (const socket of server.clients) {
      if (!alive.has(socket)) socket.on('pong', () => alive.set(socket, true));
      else if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return { close: () => clearInterval(timer) };
}
