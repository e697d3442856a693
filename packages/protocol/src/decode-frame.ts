import { createByteReader, type ByteReader } from './byte-reader.js';
import { AuthMessageType, MessageType, SyncMessageType, type Frame } from './frame.js';
import { ProtocolError } from './protocol-error.js';
import { parseRelayInfo } from './relay-info.js';

/**
 * Decodes one websocket message of untrusted bytes into a `Frame`. Throws only `ProtocolError`.
 * Byte payloads (`stateVector`, `update`) are views into `bytes`, not copies: copy them if the
 * input buffer will be reused. The update bytes themselves are not checked here (see relay).
 */
export function decodeFrame(bytes: Uint8Array): Frame {
  if (bytes.length === 0) throw new ProtocolError('empty_frame', 'a frame needs at least one byte', 0);
  const reader = createByteReader(bytes);
  const frame = readFrame(reader);
  reader.expectEnd();
  return frame;
}

function readFrame(reader: ByteReader): Frame {
  const at = reader.offset;
  const messageType = reader.readVarUint();
  switch (messageType) {
    case MessageType.Sync:
      return readSync(reader);
    case MessageType.Awareness:
      return { type: 'awareness', update: reader.readVarUint8Array() };
    case MessageType.Auth:
      return readAuth(reader);
    case MessageType.QueryAwareness:
      return { type: 'query-awareness' };
    case MessageType.DurableAck:
      return readDurableAck(reader);
    case MessageType.RelayInfo:
      return readRelayInfo(reader);
    default:
      throw new ProtocolError('unknown_message_type', `message type ${messageType}`, at);
  }
}

function readSync(reader: ByteReader): Frame {
  const at = reader.offset;
  const syncType = reader.readVarUint();
  switch (syncType) {
    case SyncMessageType.Step1:
      return { type: 'sync-step-1', stateVector: reader.readVarUint8Array() };
    case SyncMessageType.Step2:
      return { type: 'sync-step-2', update: reader.readVarUint8Array() };
    case SyncMessageType.Update:
      return { type: 'sync-update', update: reader.readVarUint8Array() };
    default:
      throw new ProtocolError('unknown_sync_type', `sync message type ${syncType}`, at);
  }
}

function readAuth(reader: ByteReader): Frame {
  const at = reader.offset;
  const authType = reader.readVarUint();
  if (authType !== AuthMessageType.PermissionDenied) {
    throw new ProtocolError('unknown_auth_type', `auth message type ${authType}`, at);
  }
  return { type: 'permission-denied', reason: reader.readVarString() };
}

function readDurableAck(reader: ByteReader): Frame {
  const at = reader.offset;
  const count = reader.readVarUint();
  if (count < 1) throw new ProtocolError('invalid_ack_count', 'durable-ack count starts at 1', at);
  return { type: 'durable-ack', count };
}

function readRelayInfo(reader: ByteReader): Frame {
  const at = reader.offset;
  const text = reader.readVarString();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProtocolError('invalid_relay_info', 'relay info is not JSON', at);
  }
  return { type: 'relay-info', info: parseRelayInfo(json) };
}
