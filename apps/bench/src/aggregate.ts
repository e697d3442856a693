/** Medians over runs, per configuration and server. */
import type { ConfigResult } from './run-bench.js';
import type { ServerKind } from './servers/server-kind.js';
import { median } from './stats.js';

export interface Aggregate {
  readonly metrics: Readonly<Record<string, number>>;
  readonly runs: number;
  /** Runs whose client side was saturated. */
  readonly saturatedRuns: number;
  readonly worstLoopDelayP99: number;
  readonly maxClientCpuShare: number;
  readonly failures: number;
  readonly note: string | undefined;
}

export type AggregateTable = Map<string, Map<ServerKind, Aggregate>>;

export function aggregate(results: readonly ConfigResult[]): AggregateTable {
  const table: AggregateTable = new Map();
  for (const result of results) {
    const row = new Map<ServerKind, Aggregate>();
    const servers = new Set([...result.runs.keys(), ...result.failures.keys()]);
    for (const server of servers) {
      const runs = result.runs.get(server) ?? [];
      const names = new Set(runs.flatMap((m) => Object.keys(m.metrics)));
      const metrics: Record<string, number> = {};
      for (const name of names) metrics[name] = median(runs.map((m) => m.metrics[name] ?? Number.NaN));
      row.set(server, {
        metrics,
        runs: runs.length,
        saturatedRuns: runs.filter((m) => m.saturated).length,
        worstLoopDelayP99: Math.max(0, ...runs.map((m) => m.loop.delayP99)),
        maxClientCpuShare: Math.max(0, ...runs.map((m) => m.loop.cpuShare)),
        failures: result.failures.get(server)?.length ?? 0,
        note: runs.find((m) => m.note)?.note,
      });
    }
    table.set(result.workload.key, row);
  }
  return table;
}

/** The median of one metric, or NaN when absent. */
export function metricOf(table: AggregateTable, key: string, server: ServerKind, metric: string): number {
  return table.get(key)?.get(server)?.metrics[metric] ?? Number.NaN;
}
