/**
 * Client for the raw relay. The raw relay cannot answer sync step 1 (it forwards it to every peer,
 * which would make every join cost O(peers) answers), so this client skips the handshake: it
 * starts from its own doc, sends its whole state once when the socket opens (if it has any), then
 * streams its updates as y-websocket sync-update frames and applies the ones it receives.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Endpoint } from '../servers/server-kind.js';
import type { BenchClient } from './client-types.js';

export function createRawClient(endpoint: Endpoint, room: string, doc: Y.Doc): BenchClient {
  const socket = new WebSocket(`${endpoint.baseUrl}/${room}`);
  const origin = Symbol('raw-client');
  const send = (update: Uint8Array) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(updateFrame(update));
  };
  const onUpdate = (update: Uint8Array, from: unknown) => {
    if (from !== origin) send(update);
  };
  doc.on('update', onUpdate);
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(decoder) !== 0) return;
    const inner = decoding.readVarUint(decoder);
    if (inner === 1 || inner === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), origin);
  });
  const synced = new Promise<void>((resolve, reject) => {
    socket.once('open', () => {
      if (doc.store.clients.size > 0) send(Y.encodeStateAsUpdate(doc));
      resolve();
    });
    socket.once('error', reject);
  });
  return {
    doc,
    synced,
    acks: undefined,
    close: () => {
      doc.off('update', onUpdate);
      socket.close();
    },
  };
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
