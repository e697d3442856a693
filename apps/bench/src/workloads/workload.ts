/** What every workload's coordinator side takes and returns. */
import { launchServer, type ServerHandle } from '../servers/launch-server.js';
import type { Pinning } from '../servers/pinning.js';
import type { ServerKind } from '../servers/server-kind.js';
import type { Sizes } from '../sizes.js';
import type { LoopReport } from '../worker/phases.js';
import { createWorkerPool, type WorkerPool } from '../worker/worker-pool.js';

export interface WorkloadContext {
  readonly server: ServerKind;
  readonly pinning: Pinning;
  readonly sizes: Sizes;
  /** Write a V8 CPU profile of the Marginalia relay here (`--cpu-prof`). */
  readonly cpuProfDir: string | undefined;
}

/** One measurement of one server in one configuration. Metrics absent for a server are omitted. */
export interface Measurement {
  readonly metrics: Readonly<Record<string, number>>;
  /** The client side was saturated: its latency figures measure the load generator, not the server. */
  readonly saturated: boolean;
  readonly loop: LoopSummary;
  readonly note?: string;
}

export interface LoopSummary {
  /** Worst event-loop delay p99 over the client workers, ms. */
  readonly delayP99: number;
  /** Sum of the client workers' CPU shares (they share one core when pinned). */
  readonly cpuShare: number;
}

/** Saturated when the load core is nearly fully busy or a client loop lags by more than 100 ms. */
export function summarizeLoops(reports: readonly LoopReport[]): { loop: LoopSummary; saturated: boolean } {
  const delayP99 = Math.max(0, ...reports.map((r) => r.delayP99));
  const cpuShare = reports.reduce((sum, r) => sum + r.cpuShare, 0);
  return { loop: { delayP99, cpuShare }, saturated: cpuShare > 0.9 || delayP99 > 100 };
}

export const IDLE_LOOP: LoopSummary = { delayP99: 0, cpuShare: 0 };

export interface Workload {
  /** Configuration key, e.g. `fanout-50`; also the row group in the table. */
  readonly key: string;
  readonly title: string;
  /** Servers this workload applies to (the raw relay stores nothing to cold-load, say). */
  appliesTo(server: ServerKind): boolean;
  run(context: WorkloadContext): Promise<Measurement>;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts the client workers and then the server (so both boot at once), runs `body`, and always
 * stops both. The workers are pinned to the load core and the server to the server core.
 */
export async function withServerAndWorkers<T>(
  context: WorkloadContext,
  worker: string,
  workers: number,
  body: (server: ServerHandle, pool: WorkerPool) => Promise<T>,
): Promise<T> {
  const pool = await createWorkerPool(worker, workers, context.pinning.loadPrefix);
  let server: ServerHandle | undefined;
  try {
    server = await launchServer({
      kind: context.server,
      prefix: context.pinning.serverPrefix,
      cpuProfDir: context.cpuProfDir,
    });
    return await body(server, pool);
  } finally {
    await pool.close();
    await server?.close();
  }
}
