import { describe, expect, it } from 'vitest';
import { createTokenSource } from './token-source.js';

describe('createTokenSource', () => {
  it('asks getToken once for many documents refused at the same time', async () => {
    let calls = 0;
    const tokens = createTokenSource('old', async () => `fresh-${++calls}`);
    const fresh = await Promise.all([tokens.refresh('old'), tokens.refresh('old'), tokens.refresh('old')]);
    expect(fresh).toEqual(['fresh-1', 'fresh-1', 'fresh-1']);
    expect(await tokens.refresh('old')).toBe('fresh-1');
    expect(calls).toBe(1);
  });

  it('without getToken, or when it fails, refresh rejects with token_refresh_failed', async () => {
    await expect(createTokenSource('t', undefined).refresh('t')).rejects.toMatchObject({
      code: 'token_refresh_failed',
    });
    const failing = createTokenSource(undefined, () => {
      throw new Error('logged out');
    });
    await expect(failing.current()).rejects.toMatchObject({ code: 'token_refresh_failed' });
  });
});
