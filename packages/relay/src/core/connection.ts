import type { ConnectionContext, FrameMeter } from '../ports/admission.js';
import type { RelaySocket } from '../ports/socket.js';
import type { ClientFrame } from './client-frame.js';
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
  /** The room the connection joined (set once by the core). */
  room: ConnectionRoom | undefined;
  /** Closes the connection when its token expires (set by the core when the token has an `exp`). */
  expiry: ReturnType<typeof setTimeout> | undefined;
  open(): boolean;
  send(frame: Uint8Array): void;
  /**
   * Sends without counting it in `messagesOut` / `bytesOut`: for a broadcast, which counts all
   * its frames at once. True when the frame went to the socket (the connection was open).
   */
  sendUncounted(frame: Uint8Array): boolean;
  close(code: number, reason: string): void;
  /** Marks the connection closed without touching the socket (the peer already closed it). */
  detach(): void;
  /** The transport's side (`ConnectionHandle`): one incoming message, bytes or text. */
  receive(data: Uint8Array | string): void;
  /** The transport's side: the socket closed (by the peer or after our close). */
  closed(): void;
}

/** What a connection hands its frames to once joined. */
export interface ConnectionRoom {
  receive(connection: Connection, frame: ClientFrame): void;
  leave(connection: Connection): void;
}

/** The core's side of every connection: one object per relay, shared by all its connections. */
export interface ConnectionHost {
  readonly metrics: RelayMetrics;
  receive(connection: Connection, data: Uint8Array | string): void;
  closed(connection: Connection): void;
}

export function createConnection(
  id: number,
  context: ConnectionContext,
  socket: RelaySocket,
  meter: FrameMeter | undefined,
  host: ConnectionHost,
): Connection {
  return new RelayConnection(id, context, socket, meter, host);
}

/**
 * A class, not an object of closures: an idle relay holds one per connection, and methods on the
 * prototype cost nothing per connection (closures cost a function object each, plus a `name`
 * property array under tsx, which keeps function names). The awareness id set is made on first use.
 */
class RelayConnection implements Connection {
  updateCount = 0;
  cleanCount = 0;
  readonly unresolved: { readonly index: number; readonly reach: UpdateReach }[] = [];
  ackedCount = 0;
  room: ConnectionRoom | undefined = undefined;
  expiry: ReturnType<typeof setTimeout> | undefined = undefined;
  private isOpen = true;
  private ids: Set<number> | undefined = undefined;

  constructor(
    readonly id: number,
    readonly context: ConnectionContext,
    private readonly socket: RelaySocket,
    readonly meter: FrameMeter | undefined,
    private readonly host: ConnectionHost,
  ) {}

  get awarenessIds(): Set<number> {
    this.ids ??= new Set();
    return this.ids;
  }

  open(): boolean {
    return this.isOpen;
  }

  send(frame: Uint8Array): void {
    if (!this.isOpen) return;
    const { metrics } = this.host;
    metrics.messagesOut.inc();
    metrics.bytesOut.inc(undefined, frame.byteLength);
    this.socket.send(frame);
  }

  sendUncounted(frame: Uint8Array): boolean {
    if (!this.isOpen) return false;
    this.socket.send(frame);
    return true;
  }

  close(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.socket.close(code, reason);
  }

  detach(): void {
    this.isOpen = false;
  }

  receive(data: Uint8Array | string): void {
    this.host.receive(this, data);
  }

  closed(): void {
    this.host.closed(this);
  }
}
