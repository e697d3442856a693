import { afterEach, describe, expect, it } from 'vitest';
import { connectRawClient, startRelayProcess, type RawSyncClient, type RelayProcess } from '@marginalia/testkit';
import { upgradeStatus } from './hostile/raw-upgrade.js';

// Per-IP limits behind a reverse proxy: the relay process with MAX_CONNECTIONS_PER_IP=2, the test
// as the proxy (its TCP address is 127.0.0.1), sending X-Forwarded-For / Forwarded.
describe('TRUSTED_PROXIES', () => {
  const relays: RelayProcess[] = [];
  const raws: RawSyncClient[] = [];
  afterEach(async () => {
    raws.splice(0).forEach((raw) => raw.close());
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });
  const start = async (extra: string[]) => {
    const relay = await startRelayProcess({ args: ['--max-connections-per-ip', '2', ...extra] });
    relays.push(relay);
    return relay;
  };
  const open = async (relay: RelayProcess, headers: Record<string, string>) => {
    const raw = await connectRawClient(relay.syncUrl, 'proxied', { headers });
    raws.push(raw);
  };
  const forwardedFor = (ip: string) => ({ 'x-forwarded-for': `${ip}, 127.0.0.1` });

  it('counts each client behind a trusted proxy by its forwarded address', async () => {
    const relay = await start(['--trusted-proxies', '127.0.0.1,::1']);
    await open(relay, forwardedFor('198.51.100.1'));
    await open(relay, forwardedFor('198.51.100.1'));
    expect(await upgradeStatus(relay.port, '/v1/sync/proxied', forwardedFor('198.51.100.1'))).toBe(429);
    // Other clients behind the same proxy are not punished for the first one.
    await open(relay, forwardedFor('198.51.100.2'));
    await open(relay, { forwarded: 'for="[2001:db8::7]:443"' });
    expect(await upgradeStatus(relay.port, '/v1/sync/proxied', { forwarded: 'for=198.51.100.3' })).toBe(101);
  }, 60_000);

  it('ignores the headers when the peer is not a configured proxy (the default)', async () => {
    const relay = await start([]);
    await open(relay, forwardedFor('198.51.100.1'));
    await open(relay, forwardedFor('198.51.100.2'));
    expect(await upgradeStatus(relay.port, '/v1/sync/proxied', forwardedFor('198.51.100.3'))).toBe(429);
  }, 60_000);

  it('refuses to start with an entry that is not an address or range', async () => {
    await expect(start(['--trusted-proxies', 'proxy.internal'])).rejects.toThrow(
      /TRUSTED_PROXIES: not an IP address or CIDR range: proxy.internal/,
    );
  }, 60_000);
});
