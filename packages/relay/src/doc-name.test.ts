import { describe, expect, it } from 'vitest';
import { MAX_DOC_NAME_BYTES, parseDocName, parseDocNameFromPath, validateDocName } from './doc-name.js';

describe('validateDocName', () => {
  it.each(['band-7/setlists', 'user-42.library', 'a', 'A_b:c-d.e/f/g', 'x'.repeat(MAX_DOC_NAME_BYTES)])(
    'accepts %s',
    (name) => {
      expect(validateDocName(name)).toEqual({ ok: true, name });
    },
  );

  it.each([
    ['', 'doc_name_empty'],
    ['x'.repeat(MAX_DOC_NAME_BYTES + 1), 'doc_name_too_long'],
    ['/leading', 'doc_name_bad_segment'],
    ['trailing/', 'doc_name_bad_segment'],
    ['a//b', 'doc_name_bad_segment'],
    ['.', 'doc_name_bad_segment'],
    ['a/./b', 'doc_name_bad_segment'],
    ['../etc/passwd', 'doc_name_bad_segment'],
    ['a/..', 'doc_name_bad_segment'],
    ['nul\0byte', 'doc_name_bad_character'],
    ['space here', 'doc_name_bad_character'],
    ['back\\slash', 'doc_name_bad_character'],
    ['percent%41', 'doc_name_bad_character'],
    ['ünïcode', 'doc_name_bad_character'],
    ['query?x', 'doc_name_bad_character'],
  ])('refuses %j with %s', (name, code) => {
    expect(validateDocName(name)).toEqual({ ok: false, code });
  });
});

describe('parseDocName (percent-encoded path tails)', () => {
  it('decodes once and accepts encoded allowed characters', () => {
    expect(parseDocName('band-7%2Fsetlists')).toEqual({ ok: true, name: 'band-7/setlists' });
    expect(parseDocName('user%3A42')).toEqual({ ok: true, name: 'user:42' });
  });

  it.each([
    ['%00', 'doc_name_bad_character'],
    ['a%00b', 'doc_name_bad_character'],
    ['%2e%2e/x', 'doc_name_bad_segment'],
    ['%2E%2E%2Fx', 'doc_name_bad_segment'],
    ['x/%2e', 'doc_name_bad_segment'],
    ['%252e%252e', 'doc_name_bad_character'],
    ['%', 'doc_name_bad_encoding'],
    ['%zz', 'doc_name_bad_encoding'],
    ['%C0%AE%C0%AE', 'doc_name_bad_encoding'],
    ['%E2%80%AE', 'doc_name_bad_character'],
    ['x'.repeat(10_000), 'doc_name_too_long'],
    ['%41'.repeat(MAX_DOC_NAME_BYTES + 1), 'doc_name_too_long'],
  ])('refuses %j with %s', (raw, code) => {
    expect(parseDocName(raw)).toEqual({ ok: false, code });
  });
});

describe('parseDocNameFromPath', () => {
  it('strips the prefix, query and fragment', () => {
    expect(parseDocNameFromPath('/v1/sync/band-7/setlists?token=abc#x', '/v1/sync/')).toEqual({
      ok: true,
      name: 'band-7/setlists',
    });
  });

  it('returns undefined for other routes and refuses raw traversal', () => {
    expect(parseDocNameFromPath('/healthz', '/v1/sync/')).toBeUndefined();
    expect(parseDocNameFromPath('/v1/sync/../../etc', '/v1/sync/')).toEqual({
      ok: false,
      code: 'doc_name_bad_segment',
    });
    expect(parseDocNameFromPath('/v1/sync/', '/v1/sync/')).toEqual({ ok: false, code: 'doc_name_empty' });
  });
});
