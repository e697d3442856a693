import { BlockList, isIP } from 'node:net';

/** Thrown for a trusted-proxy entry that is neither an IP address nor a CIDR range. */
export class TrustedProxyError extends Error {
  readonly code = 'invalid_trusted_proxy' as const;
  override readonly name = 'TrustedProxyError';
}

/** Finds the client's address of a request: the TCP peer, or what a trusted proxy says. */
export type ClientAddress = (peer: string | undefined, headers: Headers) => string | undefined;

/** `::ffff:10.0.0.1` is `10.0.0.1`; brackets and a port (`[::1]:443`, `10.0.0.1:80`) are dropped. */
function plainIp(text: string): string | undefined {
  let value = text.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed !== null) value = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  if (value.toLowerCase().startsWith('::ffff:') && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) === 0 ? undefined : value;
}

/** The hops a proxy chain recorded, nearest last: RFC 7239 `Forwarded: for=` or else `X-Forwarded-For`. */
function forwardedHops(headers: Headers): (string | undefined)[] | undefined {
  const forwarded = headers.get('forwarded');
  if (forwarded !== null) {
    return forwarded.split(',').map((element) => {
      const pair = element.split(';').find((part) => part.trim().toLowerCase().startsWith('for='));
      return pair === undefined ? undefined : plainIp(pair.trim().slice(4));
    });
  }
  const xff = headers.get('x-forwarded-for');
  return xff === null ? undefined : xff.split(',').map(plainIp);
}

/**
 * The client address for per-IP limits. Without trusted proxies (the default) it is always the TCP
 * peer, whatever the headers say. When the peer is a trusted proxy (an address or CIDR range of
 * `trusted`), the client is the nearest hop of its `Forwarded` (or `X-Forwarded-For`) header that
 * is not itself a trusted proxy; a malformed hop stops the walk there (the proxy that recorded it
 * is the client as far as we can tell). Throws TrustedProxyError for a bad entry.
 */
export function createClientAddress(trusted: readonly string[] = []): ClientAddress {
  if (trusted.length === 0) return (peer) => peer;
  const list = new BlockList();
  for (const entry of trusted) {
    const [address, bits, extra] = entry.trim().split('/');
    const ip = address === undefined ? undefined : plainIp(address);
    const family = ip === undefined ? 0 : isIP(ip);
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (
      ip === undefined ||
      extra !== undefined ||
      (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxBits))
    ) {
      throw new TrustedProxyError(`not an IP address or CIDR range: ${entry}`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, prefix, type);
  }
  const isTrusted = (ip: string): boolean => list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
  return (peer, headers) => {
    const from = peer === undefined ? undefined : plainIp(peer);
    if (from === undefined || !isTrusted(from)) return peer;
    const hops = forwardedHops(headers);
    if (hops === undefined) return from;
    let client = from;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i];
      if (hop === undefined) break;
      client = hop;
      if (!isTrusted(hop)) break;
    }
    return client;
  };
}
