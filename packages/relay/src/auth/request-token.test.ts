import { describe, expect, it } from 'vitest';
import { queryParam, redactUrl, tokenFromRequest } from './request-token.js';

describe('tokenFromRequest', () => {
  it('reads ?token= and Bearer headers, header first', () => {
    expect(tokenFromRequest('/v1/sync/a?x=1&token=abc', undefined)).toBe('abc');
    expect(tokenFromRequest('/v1/sync/a?token=abc', 'Bearer xyz')).toBe('xyz');
    expect(tokenFromRequest('/v1/sync/a?token=abc', 'Basic xyz')).toBe('abc');
    expect(tokenFromRequest('/v1/sync/a', 'bearer   xyz ')).toBe('xyz');
    expect(tokenFromRequest('/v1/sync/a?token=', undefined)).toBeUndefined();
    expect(tokenFromRequest('/v1/sync/a', null)).toBeUndefined();
  });

  it('decodes query values and ignores the fragment', () => {
    expect(queryParam('http://h/p?token=a%2Bb#token=zzz', 'token')).toBe('a+b');
  });
});

describe('redactUrl', () => {
  it('hides token values wherever they are in the query', () => {
    expect(redactUrl('/v1/sync/a?token=eyJ.abc.def')).toBe('/v1/sync/a?token=[redacted]');
    expect(redactUrl('ws://h/v1/sync/a?x=1&TOKEN=s3cret&y=2')).toBe('ws://h/v1/sync/a?x=1&TOKEN=[redacted]&y=2');
    expect(redactUrl('/x?access_token=s3cret#frag')).toBe('/x?access_token=[redacted]#frag');
    expect(redactUrl('/x?mytoken=keep')).toBe('/x?mytoken=keep');
    expect(redactUrl('/x?%74oken=s3cret&a=%74oken')).toBe('/x?%74oken=[redacted]&a=%74oken');
    expect(redactUrl('/x?token&Auth=s3cret&&access%5Ftoken=s3cret')).toBe(
      '/x?token=[redacted]&Auth=[redacted]&&access%5Ftoken=[redacted]',
    );
  });
});
