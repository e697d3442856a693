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

const SECRET_PARAMS = /([?&](?:token|access_token|auth)=)[^&#]*/gi;

/**
 * Replaces the values of `token`, `access_token` and `auth` query parameters with `[redacted]`.
 * Use on every URL that may reach a log line.
 */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}
