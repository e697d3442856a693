import { describe, expect, it } from 'vitest';
import { decodeFrame } from './decode-frame.js';
import { encodeDurableAck, encodeFrame } from './encode-frame.js';
import { ProtocolError, type ProtocolErrorCode } from './protocol-error.js';

const b = (...bytes: number[]) => Uint8Array.from(bytes);

const cases: Array<[name: string, bytes: Uint8Array, code: ProtocolErrorCode]> = [
  ['empty frame', b(), 'empty_frame'],
  ['message type varint cut off', b(0x80), 'truncated'],
  ['sync frame without sync type', b(0), 'truncated'],
  ['sync type varint cut off', b(0, 0x81), 'truncated'],
  ['step 1 without length', b(0, 0), 'truncated'],
  ['step 1 length varint cut off', b(0, 0, 0xff), 'truncated'],
  ['step 1 length past the end', b(0, 0, 5, 1, 2), 'length_out_of_range'],
  ['step 2 huge claimed length', b(0, 1, 0xff, 0xff, 0xff, 0xff, 0x0f), 'length_out_of_range'],
  ['update claims 1 byte, has none', b(0, 2, 1), 'length_out_of_range'],
  ['awareness length past the end', b(1, 10, 0), 'length_out_of_range'],
  ['awareness without payload', b(1), 'truncated'],
  ['unknown message type 4', b(4), 'unknown_message_type'],
  ['unknown message type 99', b(99, 0), 'unknown_message_type'],
  ['unknown message type 2-byte varint', b(0x80, 0x01), 'unknown_message_type'],
  ['unknown sync type 3', b(0, 3, 0), 'unknown_sync_type'],
  ['unknown auth type 1', b(2, 1, 0), 'unknown_auth_type'],
  ['auth without auth type', b(2), 'truncated'],
  ['permission denied reason past the end', b(2, 0, 4, 0x61), 'length_out_of_range'],
  ['permission denied reason not UTF-8', b(2, 0, 2, 0xc3, 0x28), 'invalid_utf8'],
  ['trailing byte after step 1', b(0, 0, 1, 0, 0), 'trailing_bytes'],
  ['trailing bytes after update', b(0, 2, 2, 1, 2, 3, 4), 'trailing_bytes'],
  ['trailing byte after query awareness', b(3, 0), 'trailing_bytes'],
  ['trailing byte after durable ack', b(100, 1, 1), 'trailing_bytes'],
  ['durable ack without count', b(100), 'truncated'],
  ['durable ack count zero', b(100, 0), 'invalid_ack_count'],
  ['message type over 53 bits', b(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f), 'varint_too_long'],
  ['length varint of 9 bytes', b(0, 2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00), 'varint_too_long'],
  ['endless continuation bytes', new Uint8Array(64).fill(0x80), 'varint_too_long'],
  ['durable ack count 2^53', b(100, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10), 'varint_too_long'],
];

describe('malformed frames', () => {
  it.each(cases)('%s -> ProtocolError', (_name, bytes, code) => {
    let caught: unknown;
    try {
      decodeFrame(bytes);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProtocolError);
    expect((caught as ProtocolError).code).toBe(code);
  });

  it('accepts the largest safe varint (2^53 - 1)', () => {
    expect(decodeFrame(b(100, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f))).toEqual({
      type: 'durable-ack',
      count: Number.MAX_SAFE_INTEGER,
    });
  });

  it('returns payloads as views into the input, not copies', () => {
    const bytes = b(0, 2, 3, 7, 8, 9);
    const frame = decodeFrame(bytes);
    if (frame.type !== 'sync-update') throw new Error(`got ${frame.type}`);
    expect(frame.update.buffer).toBe(bytes.buffer);
    expect([...frame.update]).toEqual([7, 8, 9]);
  });

  it('encoders refuse invalid frames with ProtocolError', () => {
    expect(() => encodeDurableAck(0)).toThrow(ProtocolError);
    expect(() => encodeDurableAck(1.5)).toThrow(ProtocolError);
    expect(() => encodeDurableAck(2 ** 53)).toThrow(ProtocolError);
    expect(() => encodeFrame({ type: 'nope' } as never)).toThrow(ProtocolError);
    expect(() => encodeFrame({ type: 'sync-update', update: 'x' } as never)).toThrow(ProtocolError);
  });
});
