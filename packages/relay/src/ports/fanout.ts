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
 */

export interface FanoutMessage {
  /** `update`: a Yjs update (V1) the origin has integrated and stored; `awareness`: an awareness update. */
  readonly kind: 'update' | 'awareness';
  /** Id of the publishing relay instance. */
  readonly origin: string;
  readonly payload: Uint8Array;
}

export type FanoutListener = (message: FanoutMessage) => void;

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
   * Registers `listener`, called after messages may have been lost (the transport reconnected).
   * By then the subscriptions are active again, so what is stored afterwards also arrives.
   * Returns a function that unregisters it.
   */
  onResync(listener: () => void): () => void;
  /** Drops all subscriptions and releases resources. Calling it twice is harmless. */
  close(): Promise<void>;
}
