import { isLoopbackHost } from './loopback.js';
import { createOriginCheck } from './origin-check.js';

/** Why a request was refused before its token (or, open, before anything) was looked at. */
export type RequestSourceRefusal = 'host_forbidden' | 'origin_forbidden';

export interface RequestSourceOptions {
  /** The relay runs without a key: any web page could otherwise reach it through the browser. */
  readonly open: boolean;
  /** Host names accepted in the Host header (`*`: any). Default: any with auth, loopback only when open. */
  readonly allowedHosts?: readonly string[];
  /** Origins accepted (`*`: any). Default: any with auth, same-origin or loopback only when open. */
  readonly allowedOrigins?: readonly string[];
}

/**
 * Checks where a request comes from. With auth on, only what is configured. Open (no key), the
 * safe default: the Host header must name a loopback host (a foreign name means DNS rebinding),
 * and an Origin, when the browser sends one, must be the relay's own or a loopback one (any other
 * web site could otherwise write through its visitors' browsers). Non-browser clients send no
 * Origin and pass.
 */
export function createRequestSourceCheck(
  options: RequestSourceOptions,
): (headers: Headers) => RequestSourceRefusal | undefined {
  const hosts = options.allowedHosts?.map((host) => host.toLowerCase());
  const hostAllowed = (host: string | null): boolean => {
    if (hosts === undefined || hosts.length === 0)
      return !options.open || (host !== null && isLoopbackHost(hostName(host)));
    return hosts.includes('*') || (host !== null && hosts.includes(hostName(host)));
  };
  const configuredOrigins = options.allowedOrigins !== undefined && options.allowedOrigins.length > 0;
  const originAllowed = createOriginCheck(options.allowedOrigins);
  const openOriginAllowed = (origin: string | null, host: string | null): boolean => {
    if (origin === null || origin === '') return true;
    const url = parseOrigin(origin);
    if (url === undefined) return false;
    return isLoopbackHost(url.hostname) || (host !== null && url.host.toLowerCase() === host.toLowerCase());
  };
  return (headers) => {
    const host = headers.get('host');
    if (!hostAllowed(host)) return 'host_forbidden';
    const origin = headers.get('origin');
    const allowed = configuredOrigins || !options.open ? originAllowed(origin) : openOriginAllowed(origin, host);
    return allowed ? undefined : 'origin_forbidden';
  };
}

/** The name of a Host header value, without its port (`[::1]:8787` -> `[::1]`). */
function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

function parseOrigin(origin: string): URL | undefined {
  try {
    return new URL(origin);
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}
