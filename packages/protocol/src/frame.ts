/**
 * Every frame of the y-websocket protocol, plus Marginalia's one extension, as a tagged union.
 * Bytes are decoded once into a `Frame` (see decode-frame.ts) and encoded back (encode-frame.ts).
 */

/** The outer message type: the first varUint of every frame. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /** Marginalia extension, relay -> client only, sent only to connections that asked (`?acks=1`). */
  DurableAck: 100,
  /**
   * Marginalia extension, relay -> client only, sent only to connections that asked (`?info=1`):
   * the relay's limits for this connection and document, as JSON (see RelayInfo).
   */
  RelayInfo: 101,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** The inner type of a Sync (0) message. */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

/** The inner type of an Auth (2) message. y-protocols defines only permission-denied. */
export const AuthMessageType = {
  PermissionDenied: 0,
} as const;
export type AuthMessageType = (typeof AuthMessageType)[keyof typeof AuthMessageType];

/** Sync step 1: "here is my state vector, send me what I lack". */
export interface SyncStep1Frame {
  readonly type: 'sync-step-1';
  readonly stateVector: Uint8Array;
}
/** Sync step 2: the answer to a step 1, a Yjs update (V1 encoding). */
export interface SyncStep2Frame {
  readonly type: 'sync-step-2';
  readonly update: Uint8Array;
}
/** An incremental Yjs update (V1 encoding). */
export interface SyncUpdateFrame {
  readonly type: 'sync-update';
  readonly update: Uint8Array;
}
/** An awareness update as encoded by y-protocols' `encodeAwarenessUpdate`. */
export interface AwarenessFrame {
  readonly type: 'awareness';
  readonly update: Uint8Array;
}
/** Auth message, permission denied (the only auth message y-protocols defines). */
export interface PermissionDeniedFrame {
  readonly type: 'permission-denied';
  readonly reason: string;
}
/** "Send me everyone's awareness state." No payload. */
export interface QueryAwarenessFrame {
  readonly type: 'query-awareness';
}
/**
 * The durability ack: the relay has committed to storage everything this connection sent in its
 * first `count` update-carrying messages (sync step 2 and sync update frames, counted from 1 per
 * connection). Never covers an update Yjs still holds pending for missing dependencies.
 */
export interface DurableAckFrame {
  readonly type: 'durable-ack';
  readonly count: number;
}

/**
 * What a client needs to know to never send what the relay refuses: sizes in bytes, the byte rate of
 * one connection, whether this connection may write, and the document's size as the relay counts it
 * (stored bytes since its last compaction) when the frame was sent.
 */
export interface RelayInfo {
  readonly maxFrameBytes: number;
  readonly maxDocBytes: number;
  readonly docBytes: number;
  readonly canWrite: boolean;
  /** Refill of the connection's byte budget per second, when the relay limits it. */
  readonly bytesPerSecond?: number;
  /** Size of that budget (the most a connection may send at once). */
  readonly byteBurst?: number;
}
export interface RelayInfoFrame {
  readonly type: 'relay-info';
  readonly info: RelayInfo;
}

export type Frame =
  | SyncStep1Frame
  | SyncStep2Frame
  | SyncUpdateFrame
  | AwarenessFrame
  | PermissionDeniedFrame
  | QueryAwarenessFrame
  | DurableAckFrame
  | RelayInfoFrame;

export type FrameType = Frame['type'];
