import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintToken } from './mint-token.js';
import { parseDurationSeconds } from './parse-duration.js';

const secret = 'test-secret-that-is-at-least-32-bytes-long';

describe('mintToken', () => {
  it('signs sub, docs, mode and an expiry ttl after iat', async () => {
    const token = await mintToken({
      secret,
      userId: 'u',
      docs: ['a/*', 'b'],
      mode: 'read',
      ttlSeconds: 90,
      issuedAt: 1000,
    });
    expect(decodeJwt(token)).toEqual({ sub: 'u', docs: ['a/*', 'b'], mode: 'read', iat: 1000, exp: 1090 });
  });

  it('refuses invalid patterns and empty users', async () => {
    await expect(mintToken({ secret, userId: 'u', docs: ['../x'], mode: 'read', ttlSeconds: 9 })).rejects.toMatchObject(
      { code: 'token_invalid' },
    );
    await expect(mintToken({ secret, userId: '', docs: ['x'], mode: 'read', ttlSeconds: 9 })).rejects.toMatchObject({
      code: 'token_invalid',
    });
  });
});

describe('parseDurationSeconds', () => {
  it.each([
    ['90', 90],
    ['30s', 30],
    ['15m', 900],
    ['1h', 3600],
    ['7d', 604800],
    ['2w', 1209600],
  ])('%s = %d', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });
  it.each(['', '0', '-1h', '1.5h', '1y', 'h'])('refuses %j', (text) => {
    expect(parseDurationSeconds(text)).toBeUndefined();
  });
});
