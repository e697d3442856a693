/** The document (scope) every visitor opens unless the link names another. */
export const DEFAULT_DOC = 'demo/alice';

const NAME = /^[A-Za-z0-9_:.-]+(\/[A-Za-z0-9_:.-]+)*$/;

/**
 * Whether `name` is a document name the relay accepts: segments of letters, digits and `_:.-`
 * separated by `/`, no `.` or `..` segment, at most 256 bytes.
 */
export function isDocName(name: string): boolean {
  if (!NAME.test(name) || new TextEncoder().encode(name).length > 256) return false;
  return name.split('/').every((segment) => segment !== '.' && segment !== '..');
}

/** Reads the document name from a location hash such as `#doc=band-7/setlists`. */
export function docFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const raw = params.get('doc');
  if (raw === null) return null;
  const name = raw.trim();
  return isDocName(name) ? name : null;
}

/** The hash that links to `name` (slashes kept readable). */
export function hashForDoc(name: string): string {
  return `#doc=${encodeURIComponent(name).replace(/%2F/g, '/')}`;
}
