import { describe, expect, it } from 'vitest';
import { docFromHash, hashForDoc, isDocName } from './doc-route.js';

describe('doc routes', () => {
  it('reads the doc name from a link and writes it back', () => {
    expect(docFromHash('#doc=band-7/setlists')).toBe('band-7/setlists');
    expect(docFromHash('#doc=band-7%2Fsetlists')).toBe('band-7/setlists');
    expect(hashForDoc('band-7/setlists')).toBe('#doc=band-7/setlists');
    expect(docFromHash(hashForDoc('user-42.library'))).toBe('user-42.library');
  });

  it('refuses names the relay would refuse', () => {
    expect(docFromHash('')).toBeNull();
    expect(docFromHash('#doc=')).toBeNull();
    for (const bad of ['../etc', 'a//b', '/lead', 'trail/', 'sp ace', 'a/./b', 'x'.repeat(257)]) {
      expect(isDocName(bad)).toBe(false);
    }
  });
});
