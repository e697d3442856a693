/** One benchmark client: a Y.Doc kept in sync with a room through the client code of the server. */
import type * as Y from 'yjs';
import type { BenchClient } from './client-types.js';
import type { Endpoint } from '../servers/server-kind.js';
import { createHocuspocusClient } from './hocuspocus-client.js';
import { createRawClient } from './raw-client.js';
import { createYWebsocketClient } from './y-websocket-client.js';

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

export type { BenchClient } from './client-types.js';
export { withTimeout } from './with-timeout.js';
