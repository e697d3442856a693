/** One benchmark client: a Y.Doc kept in sync with a room through the client code of the server. */
import type * as Y from 'yjs';
import type { Endpoint } from '../servers/server-kind.js';
import type { AckTracker } from './ack-tracker.js';
import { createHocuspocusClient } from './hocuspocus-client.js';
import { createRawClient } from './raw-client.js';
import { createYWebsocketClient } from './y-websocket-client.js';

export interface BenchClient {
  readonly doc: Y.Doc;
  /** Resolves when the initial sync is done (raw relay: when the socket is open). */
  readonly synced: Promise<void>;
  /** Durability acks (Marginalia relay only). */
  readonly acks: AckTracker | undefined;
  close(): void;
}

export function createBenchClient(endpoint: Endpoint, room: string, doc: Y.Doc): BenchClient {
  switch (endpoint.client) {
    case 'hocuspocus':
      return createHocuspocusClient(endpoint, room, doc);
    case 'raw':
      return createRawClient(endpoint, room, doc);
    case 'y-websocket':
      return createYWebsocketClient(endpoint, room, doc);
  }
}

/** Rejects after `ms` with a message naming what was awaited. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
