import type { ConnectionContext, FrameMeter } from '../ports/admission.js';
import type { RelaySocket } from '../ports/socket.js';
import type { RelayMetrics } from './relay-metrics.js';

/** The relay's state for one client connection (one socket, one document). */
export interface Connection {
  readonly id: number;
  readonly context: ConnectionContext;
  readonly meter: FrameMeter | undefined;
  /** Update-carrying frames (sync step 2, sync update) received so far. */
  updateCount: number;
  /** The highest `updateCount` after which the document held nothing pending. */
  cleanCount: number;
  /** The count in the last durable-ack sent. */
  ackedCount: number;
  /** Awareness client ids this connection created; only it may change or remove them. */
  readonly awarenessIds: Set<number>;
  readonly open: () => boolean;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Marks the connection closed without touching the socket (the peer already closed it). */
  detach(): void;
}

export function createConnection(
  id: number,
  context: ConnectionContext,
  socket: RelaySocket,
  meter: FrameMeter | undefined,
  metrics: RelayMetrics,
): Connection {
  let isOpen = true;
  return {
    id,
    context,
    meter,
    updateCount: 0,
    cleanCount: 0,
    ackedCount: 0,
    awarenessIds: new Set(),
    open: () => isOpen,
    send(frame) {
      if (!isOpen) return;
      metrics.messagesOut.inc();
      metrics.bytesOut.inc(undefined, frame.byteLength);
      socket.send(frame);
    },
    close(code, reason) {
      if (!isOpen) return;
      isOpen = false;
      socket.close(code, reason);
    },
    detach() {
      isOpen = false;
    },
  };
}
