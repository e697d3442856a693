import { describe, expect, it } from 'vitest';
import { decideAfterClose } from './close-policy.js';

describe('decideAfterClose', () => {
  const fresh = { canRefresh: true, refreshedSinceOpen: false };
  it.each([
    [4400, 'bad_request'],
    [4403, 'forbidden'],
    [4404, 'not_found'],
    [4413, 'too_large'],
    [4499, 'bad_request'],
  ])('stops on %i with %s', (code, errorCode) => {
    expect(decideAfterClose(code, fresh)).toMatchObject({ kind: 'stop', error: { code: errorCode, closeCode: code } });
  });

  it('refreshes the token once on 4401, then stops; stops at once without getToken', () => {
    expect(decideAfterClose(4401, fresh)).toEqual({ kind: 'refresh-token' });
    expect(decideAfterClose(4401, { canRefresh: true, refreshedSinceOpen: true })).toMatchObject({
      kind: 'stop',
      error: { code: 'unauthenticated' },
    });
    expect(decideAfterClose(4401, { canRefresh: false, refreshedSinceOpen: false })).toMatchObject({
      kind: 'stop',
      error: { code: 'unauthenticated' },
    });
  });

  it('backs off longer on 4429 and normally on everything else', () => {
    expect(decideAfterClose(4429, fresh)).toEqual({ kind: 'retry', backoff: 'rate-limited' });
    for (const code of [1000, 1001, 1006, 1011, 4000])
      expect(decideAfterClose(code, fresh)).toEqual({ kind: 'retry', backoff: 'normal' });
  });
});
