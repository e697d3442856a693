import { describe, expect, it } from 'vitest';
import { isValidDocPattern, matchAnyDocPattern, matchDocPattern } from './doc-pattern.js';

describe('matchDocPattern', () => {
  it.each([
    ['band-7/setlists', 'band-7/setlists', true],
    ['band-7/setlists', 'band-7/setlists2', false],
    ['band-7/*', 'band-7/setlists', true],
    ['band-7/*', 'band-7', false],
    ['band-7/*', 'band-7/a/b', false],
    ['band-7/*', 'band-77/a', false],
    ['*/notes', 'x/notes', true],
    ['user-42.*', 'user-42.library', true],
    ['user-42.*', 'user-42.', true],
    ['user-42.*', 'user-420.library', false],
    ['user-42.*', 'user-42.a/b', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['band-7/**', 'band-7/a', true],
    ['band-7/**', 'band-7/a/b/c', true],
    ['band-7/**', 'band-7', false],
    ['band-7/**', 'band-8/a', false],
    ['**', 'anything/at/all', true],
  ])('%s vs %s -> %s', (pattern, name, expected) => {
    expect(matchDocPattern(pattern, name)).toBe(expected);
  });

  it('matches when any pattern grants the doc', () => {
    expect(matchAnyDocPattern(['a', 'band-7/*'], 'band-7/x')).toBe(true);
    expect(matchAnyDocPattern([], 'band-7/x')).toBe(false);
  });
});

describe('isValidDocPattern', () => {
  it.each(['band-7/*', 'band-7/**', '**', 'user-42.*', 'exact/name'])('accepts %s', (pattern) => {
    expect(isValidDocPattern(pattern)).toBe(true);
  });
  it.each(['', '../x', 'a/**/b', 'a**', 'a//b', 'sp ace/*'])('refuses %j', (pattern) => {
    expect(isValidDocPattern(pattern)).toBe(false);
  });
});
