import { ProtocolError } from './protocol-error.js';
import type { RelayInfo } from './frame.js';

const SIZES = ['maxFrameBytes', 'maxDocBytes', 'docBytes'] as const;
const RATES = ['bytesPerSecond', 'byteBurst'] as const;

const isSize = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Checks untrusted JSON of a relay-info frame (or the HTTP info endpoint): the sizes are
 * non-negative safe integers, `canWrite` a boolean; unknown fields are dropped (newer relays may add some).
 */
export function parseRelayInfo(value: unknown): RelayInfo {
  if (typeof value !== 'object' || value === null)
    throw new ProtocolError('invalid_relay_info', 'relay info must be an object');
  const record = value as Record<string, unknown>;
  for (const key of SIZES) {
    if (!isSize(record[key])) throw new ProtocolError('invalid_relay_info', `${key} must be a non-negative integer`);
  }
  if (typeof record.canWrite !== 'boolean') throw new ProtocolError('invalid_relay_info', 'canWrite must be a boolean');
  const info: Record<string, unknown> = { canWrite: record.canWrite };
  for (const key of SIZES) info[key] = record[key];
  for (const key of RATES) {
    if (record[key] === undefined) continue;
    if (!isSize(record[key])) throw new ProtocolError('invalid_relay_info', `${key} must be a non-negative integer`);
    info[key] = record[key];
  }
  return info as unknown as RelayInfo;
}
