/** Runs every configuration several times, interleaving servers, and keeps every measurement. */
import { join } from 'node:path';
import type { ServerKind } from './servers/server-kind.js';
import type { Pinning } from './servers/pinning.js';
import type { Sizes } from './sizes.js';
import type { Measurement, Workload } from './workloads/workload.js';

export interface RunOptions {
  readonly workloads: readonly Workload[];
  readonly servers: readonly ServerKind[];
  readonly sizes: Sizes;
  readonly runs: number;
  readonly pinning: Pinning;
  /** `--cpu-prof`: every server writes its V8 profiles into `<cpuProfDir>/<server kind>/`. */
  readonly cpuProfDir: string | undefined;
  readonly log: (line: string) => void;
}

export interface ConfigResult {
  readonly workload: Workload;
  readonly runs: ReadonlyMap<ServerKind, readonly Measurement[]>;
  /** Error messages of failed runs, per server. */
  readonly failures: ReadonlyMap<ServerKind, readonly string[]>;
}

export async function runBench(options: RunOptions): Promise<ConfigResult[]> {
  const results = options.workloads.map((workload) => ({
    workload,
    runs: new Map<ServerKind, Measurement[]>(),
    failures: new Map<ServerKind, string[]>(),
  }));
  for (let run = 0; run < options.runs; run++) {
    for (const [index, result] of results.entries()) {
      // Rotate the server order every run and configuration so no server always goes first.
      for (const server of rotate(options.servers, run + index)) {
        if (!result.workload.appliesTo(server)) continue;
        const label = `run ${run + 1}/${options.runs} ${result.workload.key} ${server}`;
        try {
          // One directory per server, so that the relay's profile can be read beside the peers'.
          const cpuProfDir = options.cpuProfDir === undefined ? undefined : join(options.cpuProfDir, server);
          const measurement = await result.workload.run({
            server,
            pinning: options.pinning,
            sizes: options.sizes,
            cpuProfDir,
          });
          push(result.runs, server, measurement);
          options.log(`${label}: ${brief(measurement)}`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          push(result.failures, server, message);
          options.log(`${label}: FAILED ${message.split('\n').slice(0, 4).join('\n  ')}`);
        }
      }
    }
  }
  return results;
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % Math.max(1, items.length);
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

function brief(measurement: Measurement): string {
  const metrics = Object.entries(measurement.metrics).map(([k, v]) => `${k}=${Number(v.toPrecision(3))}`);
  return metrics.join(' ') + (measurement.saturated ? ' [client saturated]' : '');
}
