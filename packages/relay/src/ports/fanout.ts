/**
 * The fan-out port: relay instances serving the same document tell each other about accepted
 * updates and awareness changes. `createLocalFanout` (core/) connects instances inside one
 * process; `@marginalia/fanout-redis` connects processes. The conformance suite in
 * @marginalia/testkit (`runFanoutConformance`) defines the contract.
 *
 * A fanout delivers a message to every subscriber of its document, on every instance (the
 * publisher's own subscriptions included: they skip their own messages by `origin`), and to no
 * subscriber of any other document. It is best effort: a transport may lose messages (a
 * reconnect); when it may have, it calls its `onResync` listeners and the relay heals from storage.
 * The relay also heals on its own (see docs/decisions/0008-scale-out-healing.md): it compares state
 * vectors that instances publish, and rereads storage when a fanout update stays pending.
 */

/**
 * - `update`: a Yjs update (V1) the origin has integrated and stored;
 * - `awareness`: an awareness update;
 * - `state-vector`: the origin's state vector of its loaded copy (anti-entropy);
 * - `presence-claim`: awareness client ids (varuint list) a connection of the origin wants to own;
 * - `presence-held`: the answer of an instance whose live connection owns some of those ids.
 */
export type FanoutKind = 'update' | 'awareness' | 'state-vector' | 'presence-claim' | 'presence-held';

export interface FanoutMessage {
  readonly kind: FanoutKind;
  /** Id of the publishing relay instance. */
  readonly origin: string;
  readonly payload: Uint8Array;
}

export type FanoutListener = (message: FanoutMessage) => void;

/** Why messages may have been lost: the connection came back, or a heartbeat sequence had a gap. */
export type FanoutResyncCause = 'reconnect' | 'message_gap';

/** `healthy`: messages flow (checked actively); `unhealthy`: they may not, `reason` says why. */
export interface FanoutHealth {
  readonly state: 'healthy' | 'unhealthy' | 'closed';
  readonly reason: string | undefined;
}

export interface Fanout {
  /** Publishes to the subscribers of `docName`. Resolves when handed to the transport. */
  publish(docName: string, message: FanoutMessage): Promise<void>;
  /** Subscribes to `docName`; the returned function unsubscribes (calling it twice is harmless). */
  subscribe(docName: string, listener: FanoutListener): () => void;
  /**
   * Resolves once the subscriptions to `docName` made so far receive every message published
   * afterwards (transports subscribe asynchronously). Rejects when the transport cannot subscribe.
   */
  whenSubscribed(docName: string): Promise<void>;
  /**
   * Registers `listener`, called after messages may have been lost (the transport reconnected, or
   * saw a gap). By then the subscriptions are active again, so what is stored afterwards also
   * arrives. Returns a function that unregisters it.
   */
  onResync(listener: (cause: FanoutResyncCause) => void): () => void;
  /** The transport's health, checked actively (absent: a transport that cannot fail). */
  health?(): FanoutHealth;
  /** Called on every change of `health()`. Returns a function that unregisters it. */
  onHealth?(listener: (health: FanoutHealth) => void): () => void;
  /**
   * Announces this instance as `self` (heartbeats) and calls `gone` with the id of another
   * instance once it stopped announcing itself (its process died or lost the transport) or left.
   * Returns a function that stops both.
   */
  trackPeers?(self: string, gone: (origin: string) => void): () => void;
  /** Drops all subscriptions and releases resources. Calling it twice is harmless. */
  close(): Promise<void>;
}
