import { afterEach, describe, expect, it } from 'vitest';
import type { Fanout, FanoutHealth, FanoutMessage, FanoutResyncCause } from '@marginalia/relay';
import { startTcpProxy, waitUntil, type TcpProxy, type TcpProxyMode } from '@marginalia/testkit';
import { adminCommand, TEST_REDIS_URL, uniqueName } from './fixtures/test-redis.js';
import { createRedisFanout } from './redis-fanout.js';

const FAST = { heartbeatMs: 200, deadlineMs: 600, peerTimeoutMs: 600 } as const;

/** Waits (event-driven) until `check` holds, re-checked on the fanout's health changes and every message. */
function until(fanout: Fanout, check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return waitUntil(
    check,
    (wake) => {
      const stops = [fanout.onHealth?.(wake), fanout.onResync(wake)];
      const timer = setInterval(wake, 50); // the proxy's effect is not an event the fanout emits
      return () => {
        stops.forEach((stop) => stop?.());
        clearInterval(timer);
      };
    },
    { timeoutMs, what },
  );
}

describe('redis fanout liveness', () => {
  const fanouts: Fanout[] = [];
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    await Promise.all(fanouts.splice(0).map((fanout) => fanout.close()));
    await proxy?.close();
    proxy = undefined;
  });

  const pair = async () => {
    await adminCommand('PING');
    const redis = new URL(TEST_REDIS_URL);
    proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    const prefix = `${uniqueName('mg-live')}:`;
    const direct = await createRedisFanout({ url: TEST_REDIS_URL, prefix, ...FAST });
    const cuts: string[] = [];
    const onError = (error: Error): void =>
      void (error.message.startsWith('fanout connection cut') && cuts.push(error.message));
    const proxied = await createRedisFanout({ url: `redis://127.0.0.1:${proxy.port}`, prefix, ...FAST, onError });
    fanouts.push(direct, proxied);
    return { direct, proxied, proxy, cuts };
  };

  it.each<TcpProxyMode>(['stall', 'blackhole', 'half-open'])(
    'detects a %s, reports why, reconnects and resyncs once it is over',
    async (mode) => {
      const { direct, proxied, proxy, cuts } = await pair();
      const healths: FanoutHealth[] = [];
      const resyncs: FanoutResyncCause[] = [];
      const events: string[] = []; // printed when a wait times out
      const t0 = Date.now();
      proxied.onHealth?.(
        (health) => healths.push(health) && events.push(`${Date.now() - t0} ${JSON.stringify(health)}`),
      );
      proxied.onResync((cause) => resyncs.push(cause) && events.push(`${Date.now() - t0} resync ${cause}`));
      const received: FanoutMessage[] = [];
      proxied.subscribe('doc', (message) => received.push(message));
      await proxied.whenSubscribed('doc');
      expect(proxied.health?.()).toEqual({ state: 'healthy', reason: undefined });

      proxy.set(mode);
      await until(proxied, () => healths.length > 0, 'the fault to be detected', 5000);
      expect(healths[0]).toMatchObject({
        state: 'unhealthy',
        reason: expect.stringMatching(/subscriber|publisher|heartbeat/),
      });
      // The silent connection is cut (at the next tick at the latest), however long the fault lasts.
      await until(proxied, () => cuts.length > 0, 'the silent connection to be cut', 2000);
      expect(cuts[0]).toMatch(/gave no sign of life for 600 ms/);

      proxy.restore();
      events.push(`${Date.now() - t0} restored`);
      const healed = () => resyncs.includes('reconnect') && proxied.health?.().state === 'healthy';
      await until(proxied, healed, 'the fanout to heal', 10_000).catch((error: unknown) => {
        throw new Error(
          `${String(error)}; health ${JSON.stringify(proxied.health?.())}; events:\n${events.join('\n')}`,
        );
      });
      const message: FanoutMessage = { kind: 'update', origin: 'direct', payload: Uint8Array.from([1, 2, 3]) };
      await direct.publish('doc', message);
      await until(proxied, () => received.length > 0, 'delivery after the fault');
      expect(received.at(-1)).toEqual(message);
    },
    30_000,
  );

  it('tells a relay when another one leaves or goes silent', async () => {
    const { direct, proxied, proxy } = await pair();
    const gone: string[] = [];
    direct.trackPeers?.('relay-a', (origin) => gone.push(origin));
    proxied.trackPeers?.('relay-b', () => undefined);
    const prefix = `${uniqueName('mg-live')}:`;
    const other = await createRedisFanout({ url: TEST_REDIS_URL, prefix, ...FAST }); // another deployment: never seen
    fanouts.push(other);
    other.trackPeers?.('relay-other', () => undefined);
    // Setup, not an assertion: a few heartbeats so that relay-a has heard relay-b.
    await new Promise((resolve) => setTimeout(resolve, FAST.heartbeatMs * 3));

    // relay-b's heartbeats stop (its connection is black-holed): gone after the peer timeout.
    proxy.set('blackhole');
    await until(direct, () => gone.includes('relay-b'), 'relay-b to be declared gone', 5000);
    expect(gone).toEqual(['relay-b']);
  }, 30_000);

  it('declares gone a relay that died before its second heartbeat, known from its first one or from its messages', async () => {
    await adminCommand('PING');
    const prefix = `${uniqueName('mg-live')}:`;
    const direct = await createRedisFanout({ url: TEST_REDIS_URL, prefix, ...FAST });
    fanouts.push(direct);
    const gone: string[] = [];
    direct.trackPeers?.('relay-a', (origin) => gone.push(origin));
    direct.subscribe('doc', () => undefined);
    await direct.whenSubscribed('doc');
    // Their interval is far longer than the test: only what they send at once can make them known.
    const slow = { ...FAST, heartbeatMs: 60_000 };
    const early = await createRedisFanout({ url: TEST_REDIS_URL, prefix, ...slow });
    const talker = await createRedisFanout({ url: TEST_REDIS_URL, prefix, ...slow });
    fanouts.push(early, talker);
    early.trackPeers?.('relay-early', () => undefined); // announces itself once, then falls silent
    await talker.publish('doc', { kind: 'awareness', origin: 'relay-talker', payload: Uint8Array.from([0]) });

    await until(
      direct,
      () => gone.includes('relay-early') && gone.includes('relay-talker'),
      'both silent relays to be declared gone',
      5000,
    );
    expect(gone.sort()).toEqual(['relay-early', 'relay-talker']);
  }, 30_000);

  it('tells at once when another relay closes its fanout', async () => {
    const { direct, proxied } = await pair();
    const gone: string[] = [];
    direct.trackPeers?.('relay-a', (origin) => gone.push(origin));
    proxied.trackPeers?.('relay-b', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, FAST.heartbeatMs * 3)); // setup: relay-a hears relay-b
    const closing = proxied.close();
    await until(direct, () => gone.includes('relay-b'), 'relay-b to say goodbye', FAST.peerTimeoutMs / 2);
    await closing;
  }, 30_000);
});
