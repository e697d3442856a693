/**
 * Hook points for admission (auth, doc names, origin, per-IP limits) and per-frame limits.
 * The relay calls them in exactly two places:
 *  - `http/admit-request.ts` once per WebSocket upgrade and per `/v1/docs/*` request, which turns
 *    the request into a `ConnectionContext` or a `Refusal` (an HTTP status);
 *  - `core/connection.ts` once per incoming frame, through the connection's `FrameMeter`, which may
 *    refuse the frame with a close code.
 * Every refusal is counted in the `marginalia_refusals_total{reason}` metric.
 */

/** Why something was refused: `code` is an HTTP status before the upgrade, a close code after. */
export interface Refusal {
  readonly code: number;
  /** Stable snake_case label, used as the metric label and in logs (e.g. `rate_limited`). */
  readonly reason: string;
  /** Human-readable text for the response body / close reason (short: close reasons <= 123 bytes). */
  readonly message?: string;
  /** For an HTTP 429: when to try again, sent as `Retry-After`. */
  readonly retryAfterSeconds?: number;
}

/** Everything decided about a connection (or HTTP request) at admission time. */
export interface ConnectionContext {
  readonly docName: string;
  /**
   * Who is connected. With a user, authorship is enforced: the connection may write only under
   * Yjs client ids its user owns or that nobody owns yet (see client-owners.ts). Without one
   * (open mode, or an auth hook that names nobody) nothing is checked or recorded.
   */
  readonly userId?: string;
  /** False for read-only tokens: updates from this connection are refused (permission-denied). */
  readonly canWrite: boolean;
  readonly remoteAddress?: string;
  /** When the token expires (ms since the epoch): the socket is closed with 4401 then. */
  readonly expiresAt?: number;
  /** The client asked for `durable-ack` frames (`?acks=1`). */
  readonly wantsAcks: boolean;
  /** The client asked for a `relay-info` frame before each answer to its sync step 1 (`?info=1`). */
  readonly wantsInfo?: boolean;
  /** The connection limits a `relay-info` frame tells the client (set at admission). */
  readonly advertised?: AdvertisedLimits;
  /** Called exactly once when the connection or request ends (e.g. frees a per-IP slot). */
  readonly release?: () => void;
}

/** The per-connection limits the relay tells clients that ask (`relay-info`, `GET /v1/docs/<name>/info`). */
export interface AdvertisedLimits {
  readonly maxFrameBytes: number;
  readonly bytesPerSecond?: number;
  readonly byteBurst?: number;
}

/** What admission sees of a request. */
export interface AdmissionRequest {
  /** `socket`: WebSocket upgrade; `read`: GET /v1/docs/...; `write`: POST /v1/docs/.../update. */
  readonly access: 'socket' | 'read' | 'write';
  /** The already validated document name. */
  readonly docName: string;
  /** `?token=` or `Authorization: Bearer ...`, when present. Never log it. */
  readonly token: string | undefined;
  readonly headers: Headers;
  readonly remoteAddress: string | undefined;
}

/** Authentication/authorization hook (`RelayConfig.auth`). */
export interface RelayAuth {
  authorize(request: AdmissionRequest): Promise<AuthDecision> | AuthDecision;
}
export type AuthDecision =
  | { readonly ok: true; readonly userId?: string; readonly canWrite: boolean; readonly expiresAt?: number }
  | { readonly ok: false; readonly refusal: Refusal };

/** Facts about an incoming frame, given to `FrameMeter.charge` before the frame is handled. */
export interface FrameInfo {
  readonly byteLength: number;
  /** The decoded frame type (`awareness`, `sync-update`, ...). */
  readonly type: string;
  /** For `awareness` frames: the byte length of the awareness payload. */
  readonly payloadLength: number;
}

/** Per-connection accounting (rates, sizes). One instance per connection. */
export interface FrameMeter {
  /** Returns a refusal (close code + reason) to close the connection, or undefined to go on. */
  charge(frame: FrameInfo): Refusal | undefined;
  /**
   * Called when an awareness frame changed `entries` states of the connection's own client ids
   * (echoes of other connections' states, which stock clients send back, are not charged).
   * Returns a refusal to close the connection before the change is relayed.
   */
  chargePresence?(entries: number): Refusal | undefined;
}

/** Limits hook (`RelayConfig.limits`). Every field is optional; the relay has safe defaults. */
export interface RelayLimits {
  /**
   * Largest frame, bytes. The meter is expected to refuse larger frames (4413); the WebSocket
   * transport itself cuts off frames above twice this size (close 1009) without buffering them.
   */
  readonly maxFrameBytes?: number;
  /** Largest document (stored bytes since the last compaction + the update): refused with 4413 / 413. */
  readonly maxDocBytes?: number;
  /** Structs (items, GC ranges) a loaded document may hold: its memory cost. Past it: 4413 / 413. */
  readonly maxDocStructs?: number;
  /** Estimated steps of Yjs' conflict resolution one update may cost (concurrent inserts): past it, 4413 / 413. */
  readonly maxConflictSteps?: number;
  /** Such steps per second per document: past it, 4429 / 429. */
  readonly conflictStepsPerSecond?: number;
  /** Bytes of updates Yjs may hold pending (missing dependencies) per document. */
  readonly maxPendingBytesPerDoc?: number;
  /** Structs Yjs may hold pending per document. */
  readonly maxPendingStructsPerDoc?: number;
  /** Deletion ranges of items a document does not have yet that it may hold pending. */
  readonly maxPendingDeletesPerDoc?: number;
  /**
   * Presence a connection and a document may hold: awareness client ids per connection and JSON
   * characters per connection (past either: close 4413), and per document (a state past it is
   * dropped and counted as `presence_doc_full`; this bounds the snapshot a joiner receives).
   */
  readonly presence?: {
    readonly maxClientIdsPerConnection?: number;
    readonly maxBytesPerConnection?: number;
    readonly maxBytesPerDoc?: number;
  };
  /** Documents held in memory at once; further connections to other docs get 503. */
  readonly maxLoadedDocs?: number;
  /** Byte rate of one connection, told to clients so that they pace large sends (the meter enforces it). */
  readonly bytesPerSecond?: number;
  readonly byteBurst?: number;
  /** Called at admission, after auth: may refuse (e.g. connections per IP) or hand back a release. */
  admit?(request: AdmissionRequest): Refusal | { readonly release: () => void } | undefined;
  /** Creates the meter charged for every incoming frame of one connection. */
  createMeter?(context: ConnectionContext): FrameMeter;
}
