import type { WebSocket, WebSocketServer } from 'ws';

export interface Heartbeat {
  close(): void;
}

/**
 * Pings every socket of `server` each `intervalMs` (one timer per relay, not per socket); a socket
 * that did not answer the previous ping is terminated (its close then runs the normal cleanup:
 * awareness removal, unload). Per socket this costs a weak set entry or two and one shared
 * `pong` listener, no closure.
 */
export function startHeartbeat(server: WebSocketServer, intervalMs: number): Heartbeat {
  const watched = new WeakSet<WebSocket>();
  const unanswered = new WeakSet<WebSocket>();
  function answered(this: WebSocket): void {
    unanswered.delete(this);
  }
  const timer = setInterval(() => {
    for (const socket of server.clients) {
      if (!watched.has(socket)) {
        watched.add(socket);
        socket.on('pong', answered);
      } else if (unanswered.has(socket)) {
        socket.terminate();
        continue;
      }
      unanswered.add(socket);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return { close: () => clearInterval(timer) };
}
