/** What one document's presence (awareness) may hold: per connection and for the whole document. */
export interface PresenceLimits {
  /** Awareness client ids one connection may create (a stock client uses one per document). */
  readonly maxClientIdsPerConnection: number;
  /** Characters of JSON state one connection's client ids may hold together. */
  readonly maxBytesPerConnection: number;
  /**
   * Characters of JSON state the whole document may hold (local and remote): this bounds the
   * snapshot a joiner receives. A state that would pass it is dropped, not relayed, and counted.
   */
  readonly maxBytesPerDoc: number;
}

export const DEFAULT_PRESENCE_LIMITS: PresenceLimits = {
  maxClientIdsPerConnection: 16,
  maxBytesPerConnection: 64 * 1024,
  maxBytesPerDoc: 1024 * 1024,
};

/** Why a connection's awareness frame was refused: it would hold more than its share. */
export type PresenceBreach = 'awareness_client_ids' | 'presence_bytes';
