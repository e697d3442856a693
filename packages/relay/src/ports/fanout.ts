/**
 * The fan-out port: relay instances serving the same document tell each other about accepted
 * updates and awareness changes. `createLocalFanout` (core/) connects instances inside one
 * process; `@marginalia/fanout-redis` connects processes. A message an instance publishes is
 * delivered to the other subscribers of the document, never back to the publisher's own
 * subscription (`origin` tells them apart).
 */

export interface FanoutMessage {
  /** `update`: a Yjs update (V1) the origin has integrated; `awareness`: an awareness update. */
  readonly kind: 'update' | 'awareness';
  /** Id of the publishing relay instance. */
  readonly origin: string;
  readonly payload: Uint8Array;
}

export type FanoutListener = (message: FanoutMessage) => void;

export interface Fanout {
  /** Publishes to every other subscriber of `docName`. Resolves when handed to the transport. */
  publish(docName: string, message: FanoutMessage): Promise<void>;
  /** Subscribes to `docName`; the returned function unsubscribes. */
  subscribe(docName: string, listener: FanoutListener): () => void;
  /** Drops all subscriptions and releases resources. Calling it twice is harmless. */
  close(): Promise<void>;
}
