/**
 * Workload 5, offline merge: a client with N queued offline edits reconnects; time until the relay
 * has stored everything (durability ack, Marginalia only) and another connected client sees it.
 */
import type { MergeTimes } from './offline-worker.js';
import { IDLE_LOOP, type Measurement, type Workload, type WorkloadContext, withServerAndWorkers } from './workload.js';

export function createOfflineMergeWorkload(): Workload {
  return { key: 'offline', title: 'Offline merge', appliesTo: () => true, run: runOfflineMerge };
}

async function runOfflineMerge(context: WorkloadContext): Promise<Measurement> {
  const edits = context.sizes.offline.edits;
  return withServerAndWorkers(context, 'offline', 1, async (server, pool) => {
    const target = { endpoint: server.endpoint, room: 'bench-offline', edits };
    await pool.one(0, 'prepare', target);
    const times = await pool.one<MergeTimes>(0, 'merge', target);
    await pool.one(0, 'close');
    const stored = times.storedMs;
    return {
      loop: IDLE_LOOP,
      saturated: false,
      metrics: {
        visibleMs: times.visibleMs,
        ...(stored === undefined ? {} : { storedMs: stored, storedAndVisibleMs: Math.max(stored, times.visibleMs) }),
      },
      ...(stored === undefined ? { note: 'nothing stored: visible time only' } : {}),
    };
  });
}
