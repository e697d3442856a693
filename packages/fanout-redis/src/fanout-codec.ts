import type { FanoutKind, FanoutMessage } from '@marginalia/relay';

/**
 * One fanout message as one binary Redis message:
 * `[1: format 1][1: kind][2: origin length, big-endian][origin UTF-8][payload]`, kind 0 update,
 * 1 awareness, 2 state-vector, 3 presence-claim, 4 presence-held (`FanoutKind`).
 */
const FORMAT = 1;
const KINDS = [
  'update',
  'awareness',
  'state-vector',
  'presence-claim',
  'presence-held',
] as const satisfies readonly FanoutKind[];
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export class FanoutCodecError extends Error {
  readonly code = 'bad_fanout_message' as const;
  override readonly name = 'FanoutCodecError';
}

export function encodeFanoutMessage(message: FanoutMessage): Buffer {
  const origin = encoder.encode(message.origin);
  if (origin.byteLength > 0xffff) throw new FanoutCodecError('origin longer than 65535 bytes');
  const out = Buffer.allocUnsafe(4 + origin.byteLength + message.payload.byteLength);
  out[0] = FORMAT;
  out[1] = KINDS.indexOf(message.kind);
  out.writeUInt16BE(origin.byteLength, 2);
  out.set(origin, 4);
  out.set(message.payload, 4 + origin.byteLength);
  return out;
}

/** Decodes what `encodeFanoutMessage` made; throws FanoutCodecError for anything else. */
export function decodeFanoutMessage(data: Uint8Array): FanoutMessage {
  if (data.byteLength < 4 || data[0] !== FORMAT) throw new FanoutCodecError('not a marginalia fanout message');
  const kind = KINDS[data[1]!];
  if (kind === undefined) throw new FanoutCodecError(`unknown kind ${data[1]}`);
  const originLength = (data[2]! << 8) | data[3]!;
  if (4 + originLength > data.byteLength) throw new FanoutCodecError('origin runs past the end');
  let origin: string;
  try {
    origin = decoder.decode(data.subarray(4, 4 + originLength));
  } catch (error) {
    throw new FanoutCodecError('origin is not UTF-8', { cause: error });
  }
  // A copy: the payload outlives the socket buffer it came in.
  return { kind, origin, payload: new Uint8Array(data.subarray(4 + originLength)) };
}
