import type { Context } from 'hono';

/** Thrown by `createRelay` for a `basePath` that is not `/segment[/segment...]`. */
export class RelayConfigError extends Error {
  readonly code = 'bad_relay_config' as const;
  override readonly name = 'RelayConfigError';
}

const SEGMENTS = /^(\/[A-Za-z0-9._~-]+)+$/;

/** `undefined`, `''` and `'/'` mean the root (`''`); otherwise `/collab` or `/api/collab` (no trailing slash). */
export function normalizeBasePath(basePath: string | undefined): string {
  if (basePath === undefined || basePath === '' || basePath === '/') return '';
  const trimmed = basePath.replace(/\/+$/, '');
  if (!SEGMENTS.test(trimmed)) {
    throw new RelayConfigError(
      `basePath must look like "/collab" (letters, digits, . _ ~ - between slashes), got ${JSON.stringify(basePath)}`,
    );
  }
  return trimmed;
}

/**
 * Thrown when a relay route is reached under a path its `basePath` does not know: the relay app
 * was mounted with `app.route('/collab', relay.app)` instead of `basePath: '/collab'` and
 * `app.route('/', relay.app)`. The relay reads the raw request target (never resolving `..`), so
 * it must know its full prefix.
 */
export class RelayMountError extends Error {
  readonly code = 'relay_mount_mismatch' as const;
  override readonly name = 'RelayMountError';
}

/** Throws {@link RelayMountError} unless the parsed path starts with `prefix` (base path included). */
export function assertMountedAt(c: Context, prefix: string): void {
  if (c.req.path.startsWith(prefix)) return;
  throw new RelayMountError(
    `relay route reached at ${c.req.path} but its routes start with ${prefix}: create the relay with ` +
      `basePath set to the mount path and mount it with app.route('/', relay.app)`,
  );
}
