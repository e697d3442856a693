import { describe, expect, it } from 'vitest';
import { decodeFanoutMessage, encodeFanoutMessage, FanoutCodecError } from './fanout-codec.js';

describe('fanout codec', () => {
  it('round-trips kind, origin and payload', () => {
    const payload = Uint8Array.from([0, 255, 1, 0x80, 10]);
    const message = decodeFanoutMessage(encodeFanoutMessage({ kind: 'awareness', origin: 'inst-é', payload }));
    expect(message).toEqual({ kind: 'awareness', origin: 'inst-é', payload });
  });

  it.each([
    ['empty', []],
    ['wrong format byte', [2, 0, 0, 0]],
    ['unknown kind', [1, 9, 0, 0]],
    ['origin past the end', [1, 0, 0, 5, 97]],
    ['origin not UTF-8', [1, 0, 0, 1, 0xff]],
  ])('refuses %s', (_name, bytes) => {
    expect(() => decodeFanoutMessage(Uint8Array.from(bytes))).toThrow(FanoutCodecError);
  });
});
