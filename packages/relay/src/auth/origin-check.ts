/**
 * Optional Origin allowlist (ALLOWED_ORIGINS). Entries are exact origins
 * (`https://app.example.com`, compared case-insensitively, default ports ignored) or `*`.
 * With no allowlist every request passes. With one, a request whose Origin header is absent
 * passes (non-browser clients such as `ws` in Node send none; browsers always send it on a
 * WebSocket handshake), and one with an Origin outside the list is refused with 403.
 */
export type OriginCheck = (origin: string | null | undefined) => boolean;

export function createOriginCheck(allowed: readonly string[] | undefined): OriginCheck {
  if (allowed === undefined || allowed.length === 0 || allowed.includes('*')) return () => true;
  const set = new Set(allowed.map(normalizeOrigin).filter((origin): origin is string => origin !== undefined));
  return (origin) => {
    if (origin === null || origin === undefined || origin === '') return true;
    const normalized = normalizeOrigin(origin);
    return normalized !== undefined && set.has(normalized);
  };
}

function normalizeOrigin(origin: string): string | undefined {
  if (origin === 'null') return undefined;
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? undefined : url.origin.toLowerCase();
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}
