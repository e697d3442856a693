/** Workload 3, idle connections: N synced idle clients over R rooms; server RSS per connection. */
import { readMemory } from '../proc-stats.js';
import {
  delay,
  IDLE_LOOP,
  type Measurement,
  type Workload,
  type WorkloadContext,
  withServerAndWorkers,
} from './workload.js';

const CLIENTS_PER_WORKER = 500;

export function createIdleWorkload(): Workload {
  return { key: 'idle', title: 'Idle connections', appliesTo: () => true, run: runIdle };
}

async function runIdle(context: WorkloadContext): Promise<Measurement> {
  const { clients, rooms, settleMs } = context.sizes.idle;
  const perRoom = Math.max(1, Math.round(clients / rooms));
  const workers = Math.ceil(clients / CLIENTS_PER_WORKER);
  return withServerAndWorkers(context, 'idle', workers, async (server, pool) => {
    await delay(settleMs);
    const before = readMemory(server.pid);
    const names = Array.from({ length: rooms }, (_v, i) => `bench-idle-${i}`);
    const counts = await pool.all<number>('connect', (i) => ({
      endpoint: server.endpoint,
      rooms: names.filter((_name, n) => n % workers === i),
      perRoom,
    }));
    await delay(settleMs);
    const after = readMemory(server.pid);
    const connected = counts.reduce((a, b) => a + b, 0);
    await pool.all('close');
    return {
      loop: IDLE_LOOP,
      saturated: false,
      metrics: {
        connections: connected,
        rssPerConnectionKb: (after.rss - before.rss) / connected / 1024,
        rssMb: after.rss / 2 ** 20,
        peakRssMb: after.peakRss / 2 ** 20,
      },
    };
  });
}
