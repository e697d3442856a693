import type { ConnectionContext, FrameMeter } from '../ports/admission.js';
import type { RelaySocket } from '../ports/socket.js';
import type { RelayMetrics } from './relay-metrics.js';
import type { UpdateReach } from './update-reach.js';

/** The relay's state for one client connection (one socket, one document). */
export interface Connection {
  readonly id: number;
  readonly context: ConnectionContext;
  readonly meter: FrameMeter | undefined;
  /** Update-carrying frames (sync step 2, sync update) received so far. */
  updateCount: number;
  /** The highest message number up to which the document holds nothing of this connection pending. */
  cleanCount: number;
  /** This connection's messages whose content the document still holds pending (see update-reach.ts). */
  readonly unresolved: { readonly index: number; readonly reach: UpdateReach }[];
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
    unresolved: [],
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
