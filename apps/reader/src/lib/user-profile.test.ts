import { describe, expect, it } from 'vitest';
import { initials } from './user-profile.js';

describe('initials', () => {
  it('takes whole graphemes: emoji, flags and combining marks are never cut in half', () => {
    expect(initials('Alice Liddell')).toBe('AL');
    expect(initials('bob')).toBe('B');
    expect(initials('🦊 Fox')).toBe('🦊F');
    expect(initials('👩‍👩‍👧 family')).toBe('👩‍👩‍👧F');
    expect(initials('🇳🇴')).toBe('🇳🇴');
    expect(initials('e\u0301lodie')).toBe('E\u0301');
    expect(initials('   ')).toBe('?');
    for (const name of ['😀', '🦊 Fox', 'Zoë 🐝'])
      expect(initials(name)).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });
});
