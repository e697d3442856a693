/**
 * Workload 2, many rooms: R rooms x C clients, each writing 1 highlight/s for S seconds. Latency,
 * server CPU per delivered update, RSS. Workload 6 rides on it: with the Marginalia relay every
 * client asks for durability acks, and ack latency is reported here.
 */
import { readCpuMicros, readMemory } from '../proc-stats.js';
import { percentiles } from '../stats.js';
import { concat } from './fanout.js';
import type { RoomsResult } from './rooms-worker.js';
import {
  delay,
  summarizeLoops,
  type Measurement,
  type Workload,
  type WorkloadContext,
  withServerAndWorkers,
} from './workload.js';

const ROOMS_PER_WORKER = 70;

export function createRoomsWorkload(): Workload {
  return { key: 'rooms', title: 'Many rooms (and ack latency)', appliesTo: () => true, run: runRooms };
}

async function runRooms(context: WorkloadContext): Promise<Measurement> {
  const { rooms, clientsPerRoom: perRoom, seconds, rate } = context.sizes.rooms;
  const updates = Math.max(1, Math.round(seconds * rate));
  const workers = Math.ceil(rooms / ROOMS_PER_WORKER);
  return withServerAndWorkers(context, 'rooms', workers, async (server, pool) => {
    const names = Array.from({ length: rooms }, (_v, i) => `bench-room-${i}`);
    const slice = (i: number) => names.filter((_name, n) => n % workers === i);
    await pool.all('connect', (i) => ({ endpoint: server.endpoint, rooms: slice(i), perRoom }));
    await delay(100);
    await pool.resetLoops();
    const cpuBefore = readCpuMicros(server.pid);
    const results = await pool.all<RoomsResult>('run', () => ({ updates, rate, perRoom }));
    const cpuAfter = readCpuMicros(server.pid);
    const loops = summarizeLoops(await pool.readLoops());
    const memory = readMemory(server.pid);
    await pool.all('close');
    const latencies = concat(results.map((r) => r.latencies));
    const acks = concat(results.map((r) => r.ackLatencies));
    const [p50, p99] = percentiles(latencies, [50, 99]);
    const [ackP50, ackP99] = percentiles(acks, [50, 99]);
    const expected = results.reduce((n, r) => n + r.expected, 0);
    return {
      ...loops,
      metrics: {
        latencyP50: p50 as number,
        latencyP99: p99 as number,
        cpuUsPerDelivery: (cpuAfter - cpuBefore) / latencies.length,
        peakRssMb: memory.peakRss / 2 ** 20,
        deliveredShare: latencies.length / expected,
        ...(server.endpoint.acks
          ? { ackP50: ackP50, ackP99: ackP99, unacked: results.reduce((n, r) => n + r.unacked, 0) }
          : {}),
      },
    };
  });
}
