/** Hocuspocus speaks its own protocol: its own provider, one socket per client, no presence. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import type { Endpoint } from '../servers/server-kind.js';
import type { BenchClient } from './client-types.js';

export function createHocuspocusClient(endpoint: Endpoint, room: string, doc: Y.Doc): BenchClient {
  const socket = new HocuspocusProviderWebsocket({
    url: endpoint.baseUrl,
    WebSocketPolyfill: WebSocket,
    // Without awareness nothing arrives on an idle connection; don't let the provider call it dead.
    messageReconnectTimeout: 10 * 60_000,
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: room, document: doc, awareness: null });
  // A provider given a shared socket does not attach itself.
  provider.attach();
  const synced = new Promise<void>((resolve) => {
    if (provider.isSynced) resolve();
    else provider.on('synced', () => resolve());
  });
  return {
    doc,
    synced,
    acks: undefined,
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}
