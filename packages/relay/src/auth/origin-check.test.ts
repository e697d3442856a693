import { describe, expect, it } from 'vitest';
import { createOriginCheck } from './origin-check.js';

describe('createOriginCheck', () => {
  it('allows everything without an allowlist or with *', () => {
    expect(createOriginCheck(undefined)('https://evil.example')).toBe(true);
    expect(createOriginCheck(['*'])('https://evil.example')).toBe(true);
  });

  it('allows listed origins (case and default port insensitive) and requests without Origin', () => {
    const check = createOriginCheck(['https://App.example.com', 'http://localhost:5173']);
    expect(check('https://app.example.com')).toBe(true);
    expect(check('https://app.example.com:443')).toBe(true);
    expect(check('http://localhost:5173')).toBe(true);
    expect(check(undefined)).toBe(true);
  });

  it('refuses other origins, opaque and malformed ones', () => {
    const check = createOriginCheck(['https://app.example.com']);
    expect(check('https://app.example.com.evil.example')).toBe(false);
    expect(check('http://app.example.com')).toBe(false);
    expect(check('null')).toBe(false);
    expect(check('not a url')).toBe(false);
  });
});
