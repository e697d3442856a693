/**
 * The stock y-websocket `WebsocketProvider` (no changes to its protocol handling). For the Marginalia
 * relay it asks for durability acks (`?acks=1`) and handles the ack frame (MessageType 100) with an
 * extra entry in the provider's own `messageHandlers` table.
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { Endpoint } from '../servers/server-kind.js';
import { createAckTracker, isUpdateFrame, type AckTracker } from './ack-tracker.js';
import type { BenchClient } from './client-types.js';

const DURABLE_ACK = 100;

export function createYWebsocketClient(endpoint: Endpoint, room: string, doc: Y.Doc): BenchClient {
  const acks = endpoint.acks ? createAckTracker() : undefined;
  const provider = new WebsocketProvider(endpoint.baseUrl, room, doc, {
    WebSocketPolyfill: (acks ? countingSocket(acks) : WebSocket) as unknown as typeof globalThis.WebSocket,
    params: endpoint.acks ? { acks: '1' } : {},
    disableBc: true,
    maxBackoffTime: 1000,
  });
  // No presence in these workloads: updates only, so CPU per delivered update is not diluted.
  provider.awareness.setLocalState(null);
  if (acks) {
    provider.messageHandlers[DURABLE_ACK] = (_encoder, decoder) => acks.recordAck(decoding.readVarUint(decoder));
  }
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return { doc, synced, acks, close: () => provider.destroy() };
}

/** A `ws` WebSocket that timestamps every update-carrying frame it sends. */
function countingSocket(acks: AckTracker): typeof WebSocket {
  return class CountingWebSocket extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      if (data instanceof Uint8Array && isUpdateFrame(data)) acks.recordSent();
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  };
}
