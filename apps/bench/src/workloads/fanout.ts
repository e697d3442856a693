/** Workload 1, fan-out: 1 room, 1 writer and N readers, small updates at a steady rate. */
import { readCpuMicros, readMemory } from '../proc-stats.js';
import { percentiles } from '../stats.js';
import type { Endpoint } from '../servers/server-kind.js';
import type { FanoutCollected, FanoutConnect } from './fanout-worker.js';
import {
  delay,
  summarizeLoops,
  type Measurement,
  type Workload,
  type WorkloadContext,
  withServerAndWorkers,
} from './workload.js';

const READERS_PER_WORKER = 100;
/** Stock-provider readers per reader worker; the rest are thin readers (see thin-reader.ts). */
const STOCK_READERS_PER_WORKER = 5;

export function createFanoutWorkload(readers: number): Workload {
  return {
    key: `fanout-${readers}`,
    title: `Fan-out, 1 writer, ${readers} readers`,
    appliesTo: () => true,
    run: (context) => runFanout(context, readers),
  };
}

async function runFanout(context: WorkloadContext, readers: number): Promise<Measurement> {
  const { updates, rate } = context.sizes.fanout;
  const readerWorkers = Math.ceil(readers / READERS_PER_WORKER);
  return withServerAndWorkers(context, 'fanout', 1 + readerWorkers, async (server, pool) => {
    const room = 'bench-fanout';
    const readerIndexes = Array.from({ length: readerWorkers }, (_v, i) => i + 1);
    const share = (i: number) => Math.floor(readers / readerWorkers) + (i - 1 < readers % readerWorkers ? 1 : 0);
    await Promise.all(readerIndexes.map((i) => pool.one(i, 'connect', connectArgs(server.endpoint, room, share(i)))));
    await pool.one(0, 'connect', { endpoint: server.endpoint, room, count: 1, thin: 0 });
    await delay(100);
    await pool.resetLoops();
    const cpuBefore = readCpuMicros(server.pid);
    const sendStart = await pool.one<number>(0, 'send', { updates, rate });
    const timeoutMs = 30_000;
    const collected = await Promise.all(
      readerIndexes.map((i) => pool.one<FanoutCollected>(i, 'collect', { expected: updates * share(i), timeoutMs })),
    );
    const cpuAfter = readCpuMicros(server.pid);
    const loops = summarizeLoops(await pool.readLoops());
    const memory = readMemory(server.pid);
    await pool.all('close');
    const latencies = concat(collected.map((c) => c.latencies));
    const [p50, p95, p99] = percentiles(latencies, [50, 95, 99]);
    const delivered = latencies.length;
    return {
      ...loops,
      metrics: {
        latencyP50: p50 as number,
        latencyP95: p95 as number,
        latencyP99: p99 as number,
        deliveriesPerSecond: delivered / ((Math.max(...collected.map((c) => c.lastAt)) - sendStart) / 1000),
        cpuUsPerDelivery: (cpuAfter - cpuBefore) / delivered,
        peakRssMb: memory.peakRss / 2 ** 20,
        deliveredShare: delivered / (updates * readers),
      },
    };
  });
}

function connectArgs(endpoint: Endpoint, room: string, readers: number): FanoutConnect {
  const count = Math.min(readers, STOCK_READERS_PER_WORKER);
  return { endpoint, room, count, thin: readers - count };
}

export function concat(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.length;
  }
  return out;
}
