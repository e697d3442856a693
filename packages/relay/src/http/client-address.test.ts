import { describe, expect, it } from 'vitest';
import { createClientAddress, TrustedProxyError } from './client-address.js';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('client address behind trusted proxies', () => {
  it('is the TCP peer when no proxy is trusted, whatever the headers claim', () => {
    const address = createClientAddress();
    expect(address('203.0.113.7', headers({ 'x-forwarded-for': '198.51.100.1' }))).toBe('203.0.113.7');
  });

  it('reads X-Forwarded-For only from a trusted peer, nearest untrusted hop first', () => {
    const address = createClientAddress(['127.0.0.1', '10.0.0.0/8']);
    const xff = headers({ 'x-forwarded-for': '198.51.100.9, 198.51.100.1, 10.1.2.3' });
    expect(address('127.0.0.1', xff)).toBe('198.51.100.1'); // 10.1.2.3 is a trusted hop, skipped
    expect(address('::ffff:127.0.0.1', xff)).toBe('198.51.100.1');
    expect(address('203.0.113.7', xff)).toBe('203.0.113.7'); // not a proxy: its header is ignored
    expect(address('127.0.0.1', headers({}))).toBe('127.0.0.1');
    expect(address('127.0.0.1', headers({ 'x-forwarded-for': 'garbage, 198.51.100.1' }))).toBe('198.51.100.1');
    expect(address('127.0.0.1', headers({ 'x-forwarded-for': '198.51.100.1, garbage' }))).toBe('127.0.0.1');
  });

  it('prefers RFC 7239 Forwarded (quoted IPv6 with port, IPv4 with port)', () => {
    const address = createClientAddress(['::1']);
    const forwarded = headers({
      forwarded: 'for=192.0.2.60;proto=http, for="[2001:db8:cafe::17]:4711"',
      'x-forwarded-for': '198.51.100.1',
    });
    expect(address('::1', forwarded)).toBe('2001:db8:cafe::17');
    expect(address('::1', headers({ forwarded: 'for=192.0.2.60:8080' }))).toBe('192.0.2.60');
    expect(address('::1', headers({ forwarded: 'for=unknown' }))).toBe('::1');
  });

  it.each(['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/1', ''])('refuses %j as a trusted proxy', (entry) => {
    expect(() => createClientAddress([entry])).toThrow(TrustedProxyError);
  });
});
