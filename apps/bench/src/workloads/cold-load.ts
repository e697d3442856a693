/**
 * Workload 4, cold load: a stored doc of N highlights; time for a fresh client to hold all of it.
 * Durable servers (Marginalia, y-websocket + y-leveldb, Hocuspocus + SQLite): seeded (Marginalia:
 * acked; the peers have no ack, so they get 1 s after the seeder left to store), restarted on the
 * same data dir, so they load from disk. The bare y-websocket server and Hocuspocus store nothing:
 * the seeding client stays connected so they keep the doc in RAM and serve it from there. The raw
 * relay holds no document at all.
 */
import { launchServer, type ServerHandle } from '../servers/launch-server.js';
import { createWorkerPool } from '../worker/worker-pool.js';
import { isDurable } from '../servers/server-kind.js';
import { delay, IDLE_LOOP, type Measurement, type Workload, type WorkloadContext } from './workload.js';

/** Durable peers have no ack: time they get to store the seeded doc before they are stopped. */
const PEER_STORE_GRACE_MS = 1000;

export function createColdLoadWorkload(): Workload {
  return { key: 'cold', title: 'Cold load', appliesTo: (server) => server !== 'raw', run: runColdLoad };
}

async function runColdLoad(context: WorkloadContext): Promise<Measurement> {
  const highlights = context.sizes.cold.highlights;
  const room = 'bench-cold';
  const pool = await createWorkerPool('cold', 2, context.pinning.loadPrefix);
  let server: ServerHandle | undefined;
  try {
    server = await launchServer({ kind: context.server, prefix: context.pinning.serverPrefix });
    await pool.one(0, 'seed', { endpoint: server.endpoint, room, highlights });
    // A first full read: the server holds the whole doc, and the timing client's code is warm.
    await pool.one(1, 'load', { endpoint: server.endpoint, room, highlights });
    let note = 'served from RAM (seeding client still connected)';
    if (isDurable(server.kind)) {
      await pool.one(0, 'closeSeeder');
      if (!server.endpoint.acks) await delay(PEER_STORE_GRACE_MS);
      const { dataDir, kind } = server;
      await server.close({ keepData: true });
      server = undefined;
      server = await launchServer({ kind, prefix: context.pinning.serverPrefix, dataDir });
      note = 'loaded from disk after a restart';
    }
    const loadMs = await pool.one<number>(1, 'load', { endpoint: server.endpoint, room, highlights });
    return { loop: IDLE_LOOP, saturated: false, note, metrics: { coldLoadMs: loadMs } };
  } finally {
    await pool.close();
    await server?.close();
  }
}
