/**
 * Document names: segments of ASCII letters, digits, `.`, `_`, `:` and `-` joined by `/`
 * (e.g. `band-7/setlists`, `user-42.library`). No empty, `.` or `..` segments, at most
 * {@link MAX_DOC_NAME_BYTES} bytes. Everything else is refused with HTTP 400 before the upgrade.
 *
 * Names arrive inside a URL path, so they may be percent-encoded. {@link parseDocNameFromPath}
 * decodes exactly once and validates the decoded result; because `%` itself is not an allowed
 * character, double encoding (`%252e`), encoded NUL (`%00`) and encoded dots (`%2e%2e`) all fail.
 */

export const MAX_DOC_NAME_BYTES = 256;

const SEGMENT = /^[A-Za-z0-9._:-]+$/;

export type DocNameErrorCode =
  'doc_name_empty' | 'doc_name_too_long' | 'doc_name_bad_encoding' | 'doc_name_bad_segment' | 'doc_name_bad_character';

export type DocNameResult =
  { readonly ok: true; readonly name: string } | { readonly ok: false; readonly code: DocNameErrorCode };

/** Validates an already-decoded document name. */
export function validateDocName(name: string): DocNameResult {
  if (name.length === 0) return { ok: false, code: 'doc_name_empty' };
  // Cheap bound before any per-character work; every allowed character is one byte.
  if (name.length > MAX_DOC_NAME_BYTES) return { ok: false, code: 'doc_name_too_long' };
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      return { ok: false, code: 'doc_name_bad_segment' };
    }
    if (!SEGMENT.test(segment)) return { ok: false, code: 'doc_name_bad_character' };
  }
  return { ok: true, name };
}

export function isValidDocName(name: string): boolean {
  return validateDocName(name).ok;
}

/**
 * Takes the raw (not normalised, possibly percent-encoded) path tail after the route prefix,
 * e.g. the part of `req.url` after `/v1/sync/` without the query string, decodes it once and
 * validates it. Use the raw request URL: WHATWG URL parsing resolves `..` and `%2e%2e` away.
 */
export function parseDocName(rawTail: string): DocNameResult {
  // A 256-byte name is at most 768 characters when every byte is percent-encoded.
  if (rawTail.length > MAX_DOC_NAME_BYTES * 3) return { ok: false, code: 'doc_name_too_long' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawTail);
  } catch (error) {
    if (error instanceof URIError) return { ok: false, code: 'doc_name_bad_encoding' };
    throw error;
  }
  return validateDocName(decoded);
}

/**
 * Splits a raw request target (`/v1/sync/band-7/setlists?token=...`) at `prefix` and parses the
 * document name. Returns `undefined` when the path does not start with the prefix (not our route).
 */
export function parseDocNameFromPath(rawUrl: string, prefix: string): DocNameResult | undefined {
  const end = firstIndexOf(rawUrl, '?', '#');
  const path = rawUrl.slice(0, end);
  if (!path.startsWith(prefix)) return undefined;
  return parseDocName(path.slice(prefix.length));
}

function firstIndexOf(text: string, ...chars: string[]): number {
  let end = text.length;
  for (const char of chars) {
    const index = text.indexOf(char);
    if (index !== -1 && index < end) end = index;
  }
  return end;
}
