import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from './decode-frame.js';
import { encodeFrame, encodeRelayInfo } from './encode-frame.js';
import { isProtocolError } from './protocol-error.js';

const info = {
  maxFrameBytes: 2_097_152,
  maxDocBytes: 16_777_216,
  docBytes: 1234,
  canWrite: true,
  bytesPerSecond: 1_048_576,
  byteBurst: 4_194_304,
};

const raw = (text: string): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 101);
  encoding.writeVarString(encoder, text);
  return encoding.toUint8Array(encoder);
};

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return isProtocolError(error) ? error.code : 'not a ProtocolError';
  }
};

describe('relay-info frame (101)', () => {
  it('round-trips, and encodeFrame gives the same bytes', () => {
    const bytes = encodeRelayInfo(info);
    expect(decodeFrame(bytes)).toEqual({ type: 'relay-info', info });
    expect(encodeFrame({ type: 'relay-info', info })).toEqual(bytes);
  });

  it('drops unknown fields and keeps optional rates optional', () => {
    const frame = decodeFrame(
      raw(JSON.stringify({ maxFrameBytes: 10, maxDocBytes: 20, docBytes: 0, canWrite: false, future: 'x' })),
    );
    expect(frame).toEqual({
      type: 'relay-info',
      info: { maxFrameBytes: 10, maxDocBytes: 20, docBytes: 0, canWrite: false },
    });
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '7'],
    ['a negative size', JSON.stringify({ ...info, maxFrameBytes: -1 })],
    ['a fractional size', JSON.stringify({ ...info, docBytes: 1.5 })],
    ['a missing canWrite', JSON.stringify({ maxFrameBytes: 1, maxDocBytes: 1, docBytes: 1 })],
    ['a string rate', JSON.stringify({ ...info, byteBurst: '4' })],
  ])('refuses %s with invalid_relay_info', (_label, text) => {
    expect(codeOf(() => decodeFrame(raw(text)))).toBe('invalid_relay_info');
  });

  it('refuses to encode an invalid info', () => {
    expect(codeOf(() => encodeRelayInfo({ ...info, maxDocBytes: Number.NaN }))).toBe('invalid_frame');
  });
});
