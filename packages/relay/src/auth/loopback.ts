/** True for hosts that only accept connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Thrown when the relay would listen open (no auth) on an address other machines can reach. */
export class OpenListenError extends Error {
  readonly code = 'open_non_loopback' as const;
  constructor(host: string) {
    super(
      `refusing to listen on ${host} without auth: anyone who can reach it could read and write every document. ` +
        'Set AUTH_SECRET (or AUTH_PUBLIC_KEY), or listen on a loopback address such as 127.0.0.1.',
    );
    this.name = 'OpenListenError';
  }
}

/**
 * The start-up rule: without auth the relay runs only on loopback. Throws {@link OpenListenError}
 * otherwise; returns a warning to log when running open on loopback, undefined when auth is on.
 */
export function checkOpenListen(host: string, authEnabled: boolean): string | undefined {
  if (authEnabled) return undefined;
  if (!isLoopbackHost(host)) throw new OpenListenError(host);
  return (
    `auth is off: no AUTH_SECRET or AUTH_PUBLIC_KEY, so every client on this machine can read and write every document (listening on loopback ${host} only); ` +
    'only loopback Host names and same-origin or loopback Origins are accepted (ALLOWED_HOSTS / ALLOWED_ORIGINS change that)'
  );
}
