import type { Context } from 'hono';
import { redactUrl } from '../auth/request-token.js';
import type { IncomingRequest } from './admit-request.js';
import { assertMountedAt } from './base-path.js';

interface NodeEnv {
  readonly incoming?: { readonly url?: string; readonly socket?: { readonly remoteAddress?: string } };
}

/**
 * The raw request target (path + query) as the client sent it. Under @hono/node-server this is
 * the Node request's `url`, before WHATWG URL parsing resolved `..` and `%2e%2e` away (for an
 * absolute-form target, its path after the authority); elsewhere the parsed URL's path is the
 * best there is.
 */
export function rawTarget(c: Context): string {
  const env = c.env as NodeEnv | undefined;
  const raw = env?.incoming?.url;
  if (raw !== undefined) {
    if (raw.startsWith('/')) return raw;
    // Absolute form (`GET http://host/v1/sync/a/%2e%2e/b`): the path as sent, never normalised.
    const authority = ABSOLUTE_FORM.exec(raw);
    if (authority !== null) return raw.slice(authority[0].length) || '/';
  }
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

/** `scheme://authority` at the start of an absolute-form request target (RFC 9112, 3.2.2). */
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

const MAX_LOGGED_TARGET = 300;

/** The request target as it may appear in a log line: token parameters redacted, length capped. */
export function loggableTarget(c: Context): string {
  const target = redactUrl(rawTarget(c));
  return target.length <= MAX_LOGGED_TARGET ? target : `${target.slice(0, MAX_LOGGED_TARGET)}...`;
}

/**
 * Splits the raw path tail after `prefix` (the full route prefix, base path included; without
 * query) and reads what admission needs.
 */
export function readRequest(
  c: Context,
  prefix: string,
  access: IncomingRequest['access'],
  suffix = '',
): IncomingRequest {
  assertMountedAt(c, prefix);
  const target = rawTarget(c);
  const queryAt = target.search(/[?#]/);
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const tail = path.startsWith(prefix) ? path.slice(prefix.length) : '';
  const env = c.env as NodeEnv | undefined;
  return {
    access,
    rawDocName: suffix !== '' && tail.endsWith(suffix) ? tail.slice(0, -suffix.length) : tail,
    url: new URL(c.req.url),
    headers: c.req.raw.headers,
    remoteAddress: env?.incoming?.socket?.remoteAddress,
  };
}
