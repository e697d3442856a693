import { validateDocName } from '../doc-name.js';

/**
 * Token scopes name documents by pattern, matched segment by segment (segments are split on `/`):
 *
 * - a literal segment matches itself: `band-7/setlists` matches only that doc;
 * - `*` as a whole segment matches exactly one segment: `band-7/*` matches `band-7/setlists`
 *   but neither `band-7` nor `band-7/a/b`;
 * - `*` inside a segment matches any run of characters within that segment:
 *   `user-42.*` matches `user-42.library` (never across a `/`);
 * - `**` as the LAST segment matches one or more segments: `band-7/**` matches `band-7/a` and
 *   `band-7/a/b`, not `band-7` itself. A lone `**` matches every document.
 */
export function matchDocPattern(pattern: string, docName: string): boolean {
  const patternSegments = pattern.split('/');
  const nameSegments = docName.split('/');
  const last = patternSegments.length - 1;
  if (patternSegments[last] === '**') {
    if (nameSegments.length < patternSegments.length) return false;
    return patternSegments.slice(0, last).every((segment, i) => matchSegment(segment, nameSegments[i]!));
  }
  if (nameSegments.length !== patternSegments.length) return false;
  return patternSegments.every((segment, i) => matchSegment(segment, nameSegments[i]!));
}

/** True when any of the token's patterns grants `docName`. */
export function matchAnyDocPattern(patterns: readonly string[], docName: string): boolean {
  return patterns.some((pattern) => matchDocPattern(pattern, docName));
}

/**
 * A pattern is valid when replacing each `*` with a letter gives a valid doc name, and `**`
 * appears only as the whole last segment.
 */
export function isValidDocPattern(pattern: string): boolean {
  const segments = pattern.split('/');
  const last = segments.length - 1;
  const body = segments.map((segment, i) => (i === last && segment === '**' ? 'x' : segment));
  if (body.some((segment) => segment.includes('**'))) return false;
  return validateDocName(body.join('/').replaceAll('*', 'x')).ok;
}

function matchSegment(pattern: string, segment: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === segment;
  const parts = pattern.split('*');
  const first = parts[0]!;
  const final = parts[parts.length - 1]!;
  if (!segment.startsWith(first) || segment.length < first.length + final.length) return false;
  if (!segment.endsWith(final)) return false;
  let position = first.length;
  const end = segment.length - final.length;
  for (const middle of parts.slice(1, -1)) {
    const found = segment.indexOf(middle, position);
    if (found === -1 || found + middle.length > end) return false;
    position = found + middle.length;
  }
  return true;
}
