/**
 * Where a token may come from: the `token` query parameter (what y-websocket's
 * `WebsocketProvider` sends through its `params` option; browsers cannot set headers on a
 * WebSocket) or an `Authorization: Bearer <token>` header. The header wins when both are given.
 */
export function tokenFromRequest(rawUrl: string, authorization: string | null | undefined): string | undefined {
  const bearer = bearerToken(authorization);
  if (bearer !== undefined) return bearer;
  return queryParam(rawUrl, 'token');
}

function bearerToken(authorization: string | null | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}

/** The first value of a query parameter of a raw or absolute URL; undefined when absent or malformed. */
export function queryParam(rawUrl: string, name: string): string | undefined {
  const start = rawUrl.indexOf('?');
  if (start === -1) return undefined;
  const hash = rawUrl.indexOf('#', start);
  const query = rawUrl.slice(start + 1, hash === -1 ? undefined : hash);
  const value = new URLSearchParams(query).get(name);
  return value === null || value === '' ? undefined : value;
}

/** Query parameter names (compared case-insensitively, after percent-decoding) whose values are secrets. */
const SECRET_PARAMS: ReadonlySet<string> = new Set(['token', 'access_token', 'auth']);

/**
 * Replaces the values of `token`, `access_token` and `auth` query parameters with `[redacted]`.
 * Names are compared the way the relay reads them (percent-decoded, so `%74oken` is `token`),
 * and case-insensitively. Use on every URL that may reach a log line.
 */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const hash = url.indexOf('#', start);
  const end = hash === -1 ? url.length : hash;
  const parts = url
    .slice(start + 1, end)
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=');
      const rawName = equals === -1 ? part : part.slice(0, equals);
      const [name] = [...new URLSearchParams(`${rawName}=`).keys()];
      return SECRET_PARAMS.has((name ?? '').toLowerCase()) ? `${rawName}=[redacted]` : part;
    });
  return `${url.slice(0, start + 1)}${parts.join('&')}${url.slice(end)}`;
}
