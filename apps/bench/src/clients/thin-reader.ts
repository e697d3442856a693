/**
 * A thin reader: one socket that completes the server's real handshake (y-websocket sync step 1/2;
 * Hocuspocus auth then sync; nothing for the raw relay) and then only timestamps the update frames
 * it receives, reading the send time from the highlight's `stamp` string in the update bytes. The
 * server does exactly the same work for it as for a stock provider, at a fraction of the client
 * CPU, so one load core can drive hundreds of readers without saturating.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import type { Endpoint } from '../servers/server-kind.js';
import { readStamp } from '../highlights.js';

export interface ThinReader {
  readonly synced: Promise<void>;
  close(): void;
}

const EMPTY_STATE_VECTOR = new Uint8Array([0]);
const EMPTY_UPDATE = new Uint8Array([0, 0]);

export function createThinReader(endpoint: Endpoint, room: string, onUpdate: (sentAt: number) => void): ThinReader {
  const hocuspocus = endpoint.client === 'hocuspocus';
  const url = hocuspocus ? endpoint.baseUrl : `${endpoint.baseUrl}/${room}${endpoint.acks ? '?acks=1' : ''}`;
  const socket = new WebSocket(url);
  const send = (...parts: ((e: encoding.Encoder) => void)[]) => {
    const encoder = encoding.createEncoder();
    if (hocuspocus) encoding.writeVarString(encoder, room);
    for (const part of parts) part(encoder);
    socket.send(encoding.toUint8Array(encoder));
  };
  const sendSync = (inner: number, payload: Uint8Array) =>
    send(
      (e) => encoding.writeVarUint(e, 0),
      (e) => encoding.writeVarUint(e, inner),
      (e) => encoding.writeVarUint8Array(e, payload),
    );
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve, reject) => {
    markSynced = resolve;
    socket.once('error', reject);
  });
  socket.on('open', () => {
    if (endpoint.client === 'raw') markSynced();
    else if (hocuspocus)
      send(
        (e) => encoding.writeVarUint(e, 2),
        (e) => encoding.writeVarUint(e, 0),
        (e) => encoding.writeVarString(e, ''),
      );
    else sendSync(0, EMPTY_STATE_VECTOR);
  });
  socket.on('message', (data: Buffer) => {
    if (endpoint.client === 'raw') return onFrame(data);
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (hocuspocus) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (hocuspocus && type === 2) return sendSync(0, EMPTY_STATE_VECTOR); // authenticated: start the sync
    if (type !== 0) return;
    const inner = decoding.readVarUint(decoder);
    if (inner === 0) sendSync(1, EMPTY_UPDATE);
    else if (inner === 1) markSynced();
    else onFrame(data);
  });
  function onFrame(data: Buffer): void {
    const sentAt = readStamp(data);
    if (sentAt !== undefined) onUpdate(sentAt);
  }
  return { synced, close: () => socket.close() };
}
