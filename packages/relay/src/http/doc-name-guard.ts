import type { MiddlewareHandler } from 'hono';
import { parseDocNameFromPath } from '../doc-name.js';
import { rawTarget } from './read-request.js';

/**
 * Runs before routing, on the raw request target: URL parsing turns `/v1/sync/../../etc` into
 * `/etc` (and `%2e%2e` into `..`), which would route elsewhere (404) instead of being refused.
 * Any raw path under one of `prefixes` whose tail is not a valid doc name gets 400 here.
 */
export function createDocNameGuard(prefixes: readonly string[], refused: (reason: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const target = rawTarget(c);
    for (const prefix of prefixes) {
      const name = parseDocNameFromPath(target, prefix);
      if (name !== undefined && !name.ok) {
        refused('bad_doc_name');
        return c.json({ error: 'bad_doc_name', message: name.code }, 400);
      }
    }
    await next();
  };
}
