/**
 * The relay's safety limits. Every field is optional; {@link DEFAULT_LIMITS} are the safe
 * defaults. Rates are token buckets per connection: `*PerSecond` refill, `*Burst` capacity.
 */
export interface LimitsOptions {
  /** Largest frame accepted, bytes (close 4413). */
  readonly maxFrameBytes?: number;
  /** Largest encoded document, bytes: an update that would grow a doc past it is refused (close 4413). */
  readonly maxDocBytes?: number;
  /** Frames per second per connection (close 4429). */
  readonly messagesPerSecond?: number;
  readonly messageBurst?: number;
  /** Bytes per second per connection (close 4429). The burst is raised to at least maxFrameBytes. */
  readonly bytesPerSecond?: number;
  readonly byteBurst?: number;
  /** Open WebSocket connections per remote address (HTTP 429 before the upgrade). */
  readonly maxConnectionsPerIp?: number;
  /** Documents held in memory at once (HTTP 503 before the upgrade for a doc not loaded yet). */
  readonly maxLoadedDocs?: number;
  /** Structs (items, GC ranges) a loaded document may hold: updates past it are refused (close 4413). */
  readonly maxDocStructs?: number;
  /**
   * Estimated steps of Yjs' conflict resolution one update may cost (concurrent inserts at one
   * position integrate in quadratic time): past it, close 4413.
   */
  readonly maxConflictSteps?: number;
  /** Such steps per second per document, burst `maxConflictSteps` (close 4429). */
  readonly conflictStepsPerSecond?: number;
  /** Bytes Yjs may hold pending (missing dependencies) per document (close 4413). */
  readonly maxPendingBytesPerDoc?: number;
  /** Structs Yjs may hold pending per document (all pending content dropped past it, close 4413). */
  readonly maxPendingStructsPerDoc?: number;
  /** Pending deletion ranges (of items not seen yet) per document (likewise). */
  readonly maxPendingDeletesPerDoc?: number;
  /** Largest awareness payload in one frame, bytes (close 4413). */
  readonly maxAwarenessBytes?: number;
  /**
   * Awareness states a connection may change per second among its own client ids (close 4429).
   * Peers' states that stock clients echo back are not counted.
   */
  readonly awarenessPerSecond?: number;
  readonly awarenessBurst?: number;
  /** Awareness client ids one connection may create (close 4413 past it). */
  readonly maxAwarenessClientIds?: number;
  /** JSON characters of presence one connection's client ids may hold together (close 4413 past it). */
  readonly maxPresenceBytesPerConnection?: number;
  /** JSON characters of presence one document may hold: bounds a joiner's snapshot (states past it are dropped). */
  readonly maxPresenceBytesPerDoc?: number;
  /** GET requests of /v1/docs/... per second per remote address (HTTP 429 with Retry-After). */
  readonly httpReadsPerSecond?: number;
  readonly httpReadBurst?: number;
}

export type ResolvedLimits = { readonly [K in keyof LimitsOptions]-?: number };

const MiB = 1024 * 1024;

/**
 * Sized for real use with headroom. Stock y-websocket clients echo every awareness change they
 * receive back to the server, so a client's message rate grows with the number of active peers in
 * its room (the awareness rate does not: it counts only the client's own states); the message
 * defaults allow rooms of dozens of active peers.
 */
export const DEFAULT_LIMITS: ResolvedLimits = {
  maxFrameBytes: 2 * MiB,
  maxDocBytes: 16 * MiB,
  messagesPerSecond: 200,
  messageBurst: 500,
  bytesPerSecond: 1 * MiB,
  byteBurst: 4 * MiB,
  maxConnectionsPerIp: 100,
  maxLoadedDocs: 1000,
  maxDocStructs: 500_000,
  maxConflictSteps: 1_000_000,
  conflictStepsPerSecond: 250_000,
  maxPendingBytesPerDoc: 4 * MiB,
  maxPendingStructsPerDoc: 10_000,
  maxPendingDeletesPerDoc: 10_000,
  maxAwarenessBytes: 32 * 1024,
  awarenessPerSecond: 50,
  awarenessBurst: 200,
  maxAwarenessClientIds: 16,
  maxPresenceBytesPerConnection: 64 * 1024,
  maxPresenceBytesPerDoc: 1 * MiB,
  httpReadsPerSecond: 20,
  httpReadBurst: 100,
};

export class LimitsConfigError extends Error {
  readonly code = 'invalid_limit' as const;
  constructor(message: string) {
    super(message);
    this.name = 'LimitsConfigError';
  }
}

/** Fills in defaults and checks every value is a positive number. */
export function resolveLimits(options: LimitsOptions | undefined): ResolvedLimits {
  const merged: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value === undefined || typeof value === 'function') continue;
    if (!(key in DEFAULT_LIMITS)) throw new LimitsConfigError(`unknown limit ${key}`);
    if (typeof value !== 'number' || !(value > 0))
      throw new LimitsConfigError(`limit ${key} must be a positive number`);
    merged[key] = value;
  }
  const resolved = merged as ResolvedLimits;
  return { ...resolved, byteBurst: Math.max(resolved.byteBurst, resolved.maxFrameBytes) };
}
