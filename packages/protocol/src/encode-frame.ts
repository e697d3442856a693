import * as encoding from 'lib0/encoding';
import { AuthMessageType, MessageType, SyncMessageType, type Frame, type RelayInfo } from './frame.js';
import { parseRelayInfo } from './relay-info.js';
import { ProtocolError } from './protocol-error.js';

/**
 * Encodes a frame into the bytes of one websocket message, byte-identical to what y-protocols'
 * encoders (and y-websocket) produce for the same content. Throws `ProtocolError` for an invalid
 * frame (e.g. a durable-ack count that is not a positive safe integer).
 */
export function encodeFrame(frame: Frame): Uint8Array {
  switch (frame.type) {
    case 'sync-step-1':
      return encodeSync(SyncMessageType.Step1, frame.stateVector);
    case 'sync-step-2':
      return encodeSync(SyncMessageType.Step2, frame.update);
    case 'sync-update':
      return encodeSync(SyncMessageType.Update, frame.update);
    case 'awareness':
      return encodeAwareness(frame.update);
    case 'permission-denied':
      return encodePermissionDenied(frame.reason);
    case 'query-awareness':
      return encodeQueryAwareness();
    case 'durable-ack':
      return encodeDurableAck(frame.count);
    case 'relay-info':
      return encodeRelayInfo(frame.info);
    default:
      throw new ProtocolError('invalid_frame', `unknown frame type ${String((frame as { type: unknown }).type)}`);
  }
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.Step1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.Step2, update);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.Update, update);
}

/** Wraps an update from y-protocols' `encodeAwarenessUpdate` in message type 1. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  assertBytes(update);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodePermissionDenied(reason: string): Uint8Array {
  if (typeof reason !== 'string') throw new ProtocolError('invalid_frame', 'reason must be a string');
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Auth);
  encoding.writeVarUint(encoder, AuthMessageType.PermissionDenied);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

export function encodeQueryAwareness(): Uint8Array {
  return Uint8Array.of(MessageType.QueryAwareness);
}

export function encodeDurableAck(count: number): Uint8Array {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new ProtocolError('invalid_ack_count', `count must be a positive safe integer, got ${count}`);
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.DurableAck);
  encoding.writeVarUint(encoder, count);
  return encoding.toUint8Array(encoder);
}

/** The relay's limits for one connection (message type 101, JSON); only for clients that asked (`?info=1`). */
export function encodeRelayInfo(info: RelayInfo): Uint8Array {
  let checked: RelayInfo;
  try {
    checked = parseRelayInfo(info);
  } catch (error) {
    throw new ProtocolError('invalid_frame', (error as Error).message);
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.RelayInfo);
  encoding.writeVarString(encoder, JSON.stringify(checked));
  return encoding.toUint8Array(encoder);
}

function encodeSync(syncType: SyncMessageType, payload: Uint8Array): Uint8Array {
  assertBytes(payload);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function assertBytes(value: unknown): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new ProtocolError('invalid_frame', 'payload must be a Uint8Array');
}
