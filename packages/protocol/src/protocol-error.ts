/** Every way untrusted bytes (or an invalid frame handed to an encoder) can be rejected. Stable strings. */
export type ProtocolErrorCode =
  | 'empty_frame'
  | 'truncated'
  | 'varint_too_long'
  | 'length_out_of_range'
  | 'unknown_message_type'
  | 'unknown_sync_type'
  | 'unknown_auth_type'
  | 'trailing_bytes'
  | 'invalid_utf8'
  | 'invalid_ack_count'
  | 'invalid_awareness'
  | 'awareness_too_deep'
  | 'invalid_relay_info'
  | 'invalid_frame';

/** The only error `decodeFrame` (and the other decoders here) ever throw. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: ProtocolErrorCode;
  /** Byte offset in the input where the problem was found, when there is one. */
  readonly offset: number | undefined;

  constructor(code: ProtocolErrorCode, message: string, offset?: number) {
    super(offset === undefined ? `${code}: ${message}` : `${code} at byte ${offset}: ${message}`);
    this.code = code;
    this.offset = offset;
  }
}

export function isProtocolError(value: unknown): value is ProtocolError {
  return value instanceof ProtocolError;
}
