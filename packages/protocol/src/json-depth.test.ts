import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { decodeAwarenessEntries, MAX_AWARENESS_DEPTH } from './awareness-update.js';
import { jsonDeeperThan } from './json-depth.js';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

const entry = (json: string): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 7);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarString(encoder, json);
  return encoding.toUint8Array(encoder);
};

describe('JSON depth before parsing', () => {
  it.each([
    ['flat', '{"a":1}', 1, false],
    ['at the limit', nested(3), 3, false],
    ['one past the limit', nested(4), 3, true],
    ['brackets inside strings', '{"a":"[[[[[[[[{{{{"}', 1, false],
    ['escaped quote inside a string', '{"a":"\\"[[[["}', 1, false],
    ['mixed objects and arrays', '{"a":[{"b":[1]}]}', 3, true],
  ])('%s', (_name, json, limit, deeper) => {
    expect(jsonDeeperThan(json, limit)).toBe(deeper);
  });

  it('an awareness state nested 16k levels is refused as awareness_too_deep, without parsing it', () => {
    expect(() => decodeAwarenessEntries(entry(nested(16_000)))).toThrow(
      expect.objectContaining({ code: 'awareness_too_deep' }) as unknown,
    );
    expect(decodeAwarenessEntries(entry(nested(MAX_AWARENESS_DEPTH)))).toHaveLength(1);
  });

  it('keeps the JSON text of each state as sent', () => {
    expect(decodeAwarenessEntries(entry('{ "a" : 1 }'))).toEqual([
      { clientID: 7, clock: 1, state: { a: 1 }, json: '{ "a" : 1 }' },
    ]);
  });
});
