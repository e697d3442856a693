import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStockClient, startRelayProcess, type RelayProcess, type StockClient } from '@marginalia/testkit';
import { startAckedWriter, type AckedWriter } from './fixtures/acked-writer.js';
import { configFor, freePort, startNginx, type NginxProcess } from './fixtures/nginx-process.js';
import { dropSchema, relayArgs, uniqueDeployment } from './fixtures/scale-services.js';

/**
 * Three relay processes on one Postgres and Redis behind Debian's nginx, configured with the block
 * docs/operations.md ships. One relay is SIGKILLed while clients write and move their presence.
 * What is asserted is the mechanism, not the speed (docs/operations.md "Failure modes" gives the
 * times this test prints, measured on an idle machine): a moved user is live again before the dead
 * relay could even be declared gone (its claim does not wait for the dead owner to expire), and the
 * dead relay's other presence states are removed by the relays, long before the stock client's own
 * 30 s awareness timeout would drop them. Under a loaded CI machine the measured times stretch.
 */
const MOVED_LIVE_MS = 3000; // the relays' peer timeout: a claim that waited for it would take longer
const GONE_MS = 15_000; // half the y-protocols awareness timeout (30 s)
const DOC = 'lb/room';
const deployment = uniqueDeployment('nginx');

interface Mover {
  readonly client: StockClient;
  moved: boolean;
  reconnectAt: number | undefined;
  /** The first cursor value set after the reconnect: what "live" means. */
  firstAfter: number | undefined;
  cursor: number;
}

describe('three relays behind nginx, one SIGKILLed', () => {
  let relays: RelayProcess[] = [];
  let nginx: NginxProcess;
  const stocks: StockClient[] = [];
  const writers: AckedWriter[] = [];

  beforeAll(async () => {
    await dropSchema(deployment.schema);
    const ports = [await freePort(), await freePort(), await freePort()];
    relays = await Promise.all(
      ports.map((port) =>
        startRelayProcess({
          port,
          args: [...relayArgs(deployment), '--trusted-proxies', '127.0.0.1'],
          startTimeoutMs: 60_000,
        }),
      ),
    );
    const listen = await freePort();
    nginx = await startNginx(configFor(ports, listen), listen);
  }, 150_000);
  afterAll(async () => {
    writers.forEach((writer) => writer.close());
    stocks.forEach((stock) => stock.destroy());
    await nginx?.stop();
    await Promise.all(relays.flatMap((relay) => (relay.running() ? [relay.stop()] : [])));
    await dropSchema(deployment.schema);
  });

  const stock = (syncUrl: string, name: string): StockClient => {
    const client = connectStockClient(syncUrl, DOC);
    stocks.push(client);
    client.awareness.setLocalStateField('user', { id: name });
    return client;
  };

  it('clients reconnect through nginx, lose nothing acknowledged, converge, and presence follows the moved users', async () => {
    const [victim, ...survivors] = relays as [RelayProcess, ...RelayProcess[]];
    const observers = relays.map((relay, i) => stock(relay.syncUrl, `observer-${i}`));
    const leaver = stock(victim.syncUrl, 'leaver'); // on the victim directly: it has nowhere to go
    const movers: Mover[] = Array.from({ length: 6 }, (_, i) => ({
      client: stock(nginx.syncUrl, `mover-${i}`),
      moved: false,
      reconnectAt: undefined,
      firstAfter: undefined,
      cursor: 0,
    }));
    await Promise.all(stocks.map((client) => client.synced(20_000)));
    for (let i = 0; i < 3; i++) writers.push(startAckedWriter(nginx.syncUrl, DOC, `w${i}`, 25));
    const id = (client: StockClient): number => client.doc.clientID;
    const sees = (observer: StockClient, client: StockClient) => observer.awareness.getStates().has(id(client));
    await Promise.all(
      observers.map((observer) =>
        observer.until(
          () => [leaver, ...movers.map((m) => m.client)].every((c) => sees(observer, c)),
          15_000,
          'everyone to be seen',
        ),
      ),
    );

    // Movers move their presence all the time.
    const moving = setInterval(() => {
      for (const mover of movers) {
        mover.cursor += 1;
        if (mover.reconnectAt !== undefined && mover.firstAfter === undefined) mover.firstAfter = mover.cursor;
        mover.client.awareness.setLocalStateField('cursor', mover.cursor);
      }
    }, 100);
    let killAt = 0;
    for (const mover of movers) {
      mover.client.provider.on('status', ({ status }: { status: string }) => {
        if (killAt === 0) return;
        if (status === 'disconnected') mover.moved = true;
        if (status === 'connected' && mover.moved && mover.reconnectAt === undefined) mover.reconnectAt = Date.now();
      });
    }
    // When each surviving observer first saw each moved user live after its reconnect.
    const liveAfter = new Map<string, number>();
    for (const [o, observer] of observers.entries()) {
      if (o === 0) continue;
      observer.awareness.on('change', () => {
        for (const [m, mover] of movers.entries()) {
          const state = observer.awareness.getStates().get(id(mover.client)) as { cursor?: number } | undefined;
          const key = `${o}:${m}`;
          if (mover.firstAfter === undefined || liveAfter.has(key) || (state?.cursor ?? -1) < mover.firstAfter)
            continue;
          liveAfter.set(key, Date.now() - mover.reconnectAt!);
        }
      });
    }
    await Promise.all(
      writers.map((writer) => waitFor(() => writer.acked.size >= 10, 15_000, 'writes before the kill')),
    );

    killAt = Date.now();
    await victim.kill();
    const moved = () => movers.filter((mover) => mover.moved);
    await waitFor(
      () => moved().length > 0 && moved().every((mover) => mover.firstAfter !== undefined),
      15_000,
      'the moved users to reconnect',
    );
    const expected = moved().length * survivors.length;
    await waitFor(() => liveAfter.size >= expected, 15_000, `${expected} moved-user sightings`).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}: ${JSON.stringify([...liveAfter])}`);
      },
    );
    const survivorObservers = observers.slice(1);
    const left = Math.max(0, GONE_MS - (Date.now() - killAt)); // the bound counts from the kill
    await Promise.all(
      survivorObservers.map((observer) =>
        observer.until(() => !sees(observer, leaver), left, "the dead relay's entry to go"),
      ),
    );
    const goneMs = Date.now() - killAt;
    clearInterval(moving);
    console.info(
      `moved ${moved().length} users; live again after ${JSON.stringify([...liveAfter.values()])} ms; leaver gone ${goneMs} ms after the kill`,
    );
    expect(Math.max(...liveAfter.values())).toBeLessThan(MOVED_LIVE_MS);

    // Nothing acknowledged is lost, and everyone converges.
    await Promise.all(writers.map((writer) => writer.finish(20_000)));
    expect(writers.some((writer) => writer.reconnects > 0)).toBe(true);
    const ackedKeys = writers.flatMap((writer) => [...writer.acked]);
    for (const relay of survivors) {
      const fresh = connectStockClient(relay.syncUrl, DOC);
      stocks.push(fresh);
      await fresh.until(
        () => ackedKeys.every((key) => fresh.doc.getMap('m').has(key)),
        15_000,
        'a fresh client to have every acked key',
      );
    }
    const reference = [...observers[1]!.doc.getMap('m').keys()].sort();
    for (const client of [observers[2]!, ...movers.map((m) => m.client)]) {
      await client.until(() => client.doc.getMap('m').size === reference.length, 15_000, 'every client to converge');
      expect([...client.doc.getMap('m').keys()].sort()).toEqual(reference);
    }
    expect(nginx.errors()).not.toMatch(/\[emerg\]/);
  }, 120_000);
});

/** Waits for a condition of state the test owns (no event to subscribe to): re-checked every 20 ms. */
async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
