import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  connectStockClient,
  startRelayProcess,
  startTcpProxy,
  waitUntil,
  type RawSyncClient,
  type RelayProcess,
  type StockClient,
  type TcpProxy,
  type TcpProxyMode,
} from '@marginalia/testkit';
import {
  dropSchema,
  metric,
  readiness,
  REDIS_URL,
  relayArgs,
  uniqueDeployment,
  writeAcked,
} from './fixtures/scale-services.js';

/**
 * The bounds docs/operations.md ("Failure modes") promises with the default timings: a fault of the
 * Redis link is detected within DETECT_MS (3 s deadline, checked every second, plus scheduling), and what the relay missed
 * reaches its loaded copy within HEAL_MS of the write (detection, then storage polls every 2 s),
 * during the fault or right after it.
 */
const DETECT_MS = 5000;
const HEAL_MS = 8000;
const deployment = uniqueDeployment('faults');

/** Polls an HTTP probe until it holds (the relay has no event to await from outside). */
async function probeUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  let ok = false;
  await waitUntil(
    () => ok,
    (wake) => {
      let stopped = false;
      const loop = async (): Promise<void> => {
        while (!stopped && !ok) {
          ok = await check();
          wake();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      void loop();
      return () => void (stopped = true);
    },
    { timeoutMs, what },
  );
}

describe('a faulty Redis link between one relay and Redis (a TCP proxy)', () => {
  let direct: RelayProcess;
  let faulty: RelayProcess;
  let proxy: TcpProxy;
  const clients: StockClient[] = [];
  const raws: RawSyncClient[] = [];

  beforeAll(async () => {
    await dropSchema(deployment.schema);
    const redis = new URL(REDIS_URL);
    proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    // Generous start timeouts: the machine running the tests may be busy.
    direct = await startRelayProcess({ args: relayArgs(deployment), startTimeoutMs: 60_000 });
    faulty = await startRelayProcess({
      args: relayArgs(deployment, `redis://127.0.0.1:${proxy.port}`),
      startTimeoutMs: 60_000,
    });
  }, 150_000);
  afterEach(() => {
    proxy.restore();
    clients.splice(0).forEach((client) => client.destroy());
    raws.splice(0).forEach((raw) => raw.close());
  });
  afterAll(async () => {
    await Promise.all([direct, faulty].map((relay) => relay?.stop()));
    await proxy?.close();
    await dropSchema(deployment.schema);
  });

  const stock = async (relay: RelayProcess, docName: string): Promise<StockClient> => {
    const client = connectStockClient(relay.syncUrl, docName);
    clients.push(client);
    await client.synced(15_000);
    return client;
  };
  /** A fresh client (empty local state) on `relay` has every key within `timeoutMs`. */
  const freshSees = async (
    relay: RelayProcess,
    docName: string,
    keys: readonly string[],
    timeoutMs: number,
  ): Promise<void> => {
    const fresh = await stock(relay, docName);
    await fresh.until(
      () => keys.every((key) => fresh.doc.getMap('m').has(key)),
      timeoutMs,
      `a fresh client to have ${keys.join(', ')}`,
    );
  };

  it.each<TcpProxyMode>(['stall', 'blackhole', 'half-open'])(
    '%s: detected (readyz, metric, log) and every missed update healed on that relay, during the fault and after',
    async (mode) => {
      const docName = `faults/${mode}`;
      const watcher = await stock(faulty, docName); // keeps the document loaded on the faulty relay
      raws.push(await writeAcked(direct.syncUrl, docName, ['before']));
      await watcher.until(() => watcher.doc.getMap('m').has('before'), 10_000, 'the first write over the fanout');
      const logsBefore = faulty.logs.length;

      proxy.set(mode);
      const faultAt = Date.now();
      await faulty.waitForLog(
        (line) => line.msg === 'fanout unhealthy' && faulty.logs.indexOf(line) >= logsBefore,
        DETECT_MS,
      );
      const detectedMs = Date.now() - faultAt;
      const ready = await readiness(faulty);
      expect(ready.status).toBe(503);
      expect(ready.body).toMatch(/^fanout unhealthy: /);
      expect(await metric(faulty, 'marginalia_fanout_state{state="unhealthy"}')).toBe(1);
      expect((await readiness(direct)).status).toBe(200);

      const writtenAt = Date.now();
      raws.push(await writeAcked(direct.syncUrl, docName, ['during-1', 'during-2']));
      await watcher.until(
        () => watcher.doc.getMap('m').has('during-2'),
        HEAL_MS,
        'the loaded copy to be healed during the fault',
      );
      const healedMs = Date.now() - writtenAt;
      await freshSees(faulty, docName, ['before', 'during-1', 'during-2'], 2000);

      proxy.restore();
      await probeUntil(async () => (await readiness(faulty)).status === 200, HEAL_MS, 'readyz to be 200 again');
      raws.push(await writeAcked(direct.syncUrl, docName, ['after']));
      await freshSees(faulty, docName, ['before', 'during-1', 'during-2', 'after'], HEAL_MS);
      expect(await metric(faulty, 'marginalia_resyncs_total{cause="fanout_unhealthy"}')).toBeGreaterThan(0);
      console.info(`[${mode}] detected after ${detectedMs} ms, a write during the fault healed after ${healedMs} ms`);
    },
    60_000,
  );

  it('a short black hole that the deadline does not catch: the lost updates are healed by anti-entropy', async () => {
    const docName = 'faults/short';
    const watcher = await stock(faulty, docName);
    const writer = await stock(direct, docName);
    writer.doc.getMap('m').set('before', 0);
    await watcher.until(() => watcher.doc.getMap('m').has('before'), 10_000, 'the first write over the fanout');
    proxy.set('blackhole');
    const writtenAt = Date.now();
    writer.doc.transact(() => Array.from({ length: 20 }, (_, i) => writer.doc.getMap('m').set(`lost-${i}`, i)));
    await new Promise((resolve) => setTimeout(resolve, 500)); // the fault itself lasts 0.5 s (setup, not an assertion)
    proxy.restore();
    await watcher.until(() => watcher.doc.getMap('m').size === 21, HEAL_MS, 'the lost updates to be healed');
    console.info(`[short black hole] healed after ${Date.now() - writtenAt} ms`);
    await freshSees(faulty, docName, ['before', 'lost-19'], 2000);
  }, 60_000);
});
