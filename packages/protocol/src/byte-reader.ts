import { ProtocolError } from './protocol-error.js';

/**
 * A small bounded reader over untrusted bytes. Every read checks bounds first and throws only
 * `ProtocolError`; byte arrays are returned as views (`subarray`) into the input, never copied,
 * so nothing is allocated from a claimed length.
 */
export interface ByteReader {
  readonly offset: number;
  readonly remaining: number;
  readVarUint(): number;
  readVarUint8Array(): Uint8Array;
  readVarString(): string;
  /** Throws `trailing_bytes` unless every byte has been consumed. */
  expectEnd(): void;
}

/** 8 bytes carry 56 bits; a ninth byte can only be zero padding or out of range. */
const MAX_VARINT_BYTES = 8;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function createByteReader(bytes: Uint8Array): ByteReader {
  let pos = 0;

  const readVarUint = (): number => {
    const start = pos;
    let value = 0;
    let mult = 1;
    while (pos < bytes.length) {
      const byte = bytes[pos++] as number;
      value += (byte & 0x7f) * mult;
      if (value > Number.MAX_SAFE_INTEGER) {
        throw new ProtocolError('varint_too_long', 'varint exceeds 53 bits', start);
      }
      if (byte < 0x80) return value;
      if (pos - start === MAX_VARINT_BYTES) {
        throw new ProtocolError('varint_too_long', `varint longer than ${MAX_VARINT_BYTES} bytes`, start);
      }
      mult *= 128;
    }
    throw new ProtocolError('truncated', 'frame ends inside a varint', start);
  };

  const readVarUint8Array = (): Uint8Array => {
    const lengthAt = pos;
    const length = readVarUint();
    if (length > bytes.length - pos) {
      throw new ProtocolError('length_out_of_range', `claims ${length} bytes, ${bytes.length - pos} remain`, lengthAt);
    }
    const view = bytes.subarray(pos, pos + length);
    pos += length;
    return view;
  };

  const readVarString = (): string => {
    const at = pos;
    const raw = readVarUint8Array();
    try {
      return utf8.decode(raw);
    } catch (cause) {
      throw new ProtocolError('invalid_utf8', `string is not valid UTF-8 (${String(cause)})`, at);
    }
  };

  const expectEnd = (): void => {
    if (pos !== bytes.length) {
      throw new ProtocolError('trailing_bytes', `${bytes.length - pos} bytes after the message`, pos);
    }
  };

  return {
    get offset() {
      return pos;
    },
    get remaining() {
      return bytes.length - pos;
    },
    readVarUint,
    readVarUint8Array,
    readVarString,
    expectEnd,
  };
}
