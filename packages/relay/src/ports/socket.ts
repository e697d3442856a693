/**
 * The relay's view of one client connection's transport (a WebSocket in practice). The core
 * writes bytes and closes; the adapter (http/) feeds incoming frames and the close event to the
 * connection handle returned by `RelayCore.connect`.
 */
export interface RelaySocket {
  /** Queues one binary frame. Must not throw once the socket is closing or closed. */
  send(frame: Uint8Array): void;
  /** Closes the connection with a WebSocket close code and a short reason (<= 123 bytes). */
  close(code: number, reason: string): void;
}
