/**
 * Smoke test: the whole harness at tiny sizes against every server, including the Marginalia relay
 * as `pnpm start` runs it, so the benchmark cannot rot. It checks that every workload delivers
 * everything and yields figures; it asserts no speed (speed targets live in `pnpm bench`).
 */
import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.js';
import { renderChart } from './report/svg-chart.js';
import { renderTable } from './report/table.js';
import { evaluateTargets } from './report/targets.js';
import { runBench } from './run-bench.js';
import { detectPinning } from './servers/pinning.js';
import { SERVER_KINDS, SERVER_LABELS } from './servers/server-kind.js';
import { SMOKE_SIZES } from './sizes.js';
import { createWorkloads, WORKLOAD_NAMES } from './workloads/index.js';

describe('pnpm bench harness at tiny sizes', () => {
  it('runs every workload against every server and reports figures', { timeout: 400_000 }, async () => {
    const workloads = createWorkloads(SMOKE_SIZES, WORKLOAD_NAMES);
    const log: string[] = [];
    const results = await runBench({
      workloads,
      servers: SERVER_KINDS,
      sizes: SMOKE_SIZES,
      runs: 1,
      pinning: detectPinning(),
      cpuProfDir: undefined,
      log: (line) => log.push(line),
    });

    const failures = results.flatMap((r) =>
      [...r.failures].map(([server, errors]) => `${r.workload.key} ${server}: ${errors.join('; ')}`),
    );
    expect(failures).toEqual([]);
    const table = aggregate(results);
    for (const workload of workloads) {
      const servers = SERVER_KINDS.filter((s) => workload.appliesTo(s));
      expect([...(table.get(workload.key)?.keys() ?? [])].sort()).toEqual([...servers].sort());
      for (const server of servers) {
        const metrics = table.get(workload.key)?.get(server)?.metrics ?? {};
        for (const [name, value] of Object.entries(metrics))
          expect(Number.isFinite(value), `${workload.key} ${server} ${name}`).toBe(true);
        if ('deliveredShare' in metrics) expect(metrics.deliveredShare, `${workload.key} ${server}`).toBe(1);
      }
    }
    const ours = (key: string) => table.get(key)?.get('marginalia')?.metrics ?? {};
    expect(ours('rooms').unacked).toBe(0);
    expect(ours('rooms').ackP99).toBeGreaterThan(0);
    expect(ours('offline').storedMs).toBeGreaterThan(0);
    expect(ours('cold').coldLoadMs).toBeGreaterThan(0);
    expect(ours('idle').connections).toBe(SMOKE_SIZES.idle.clients);

    const targets = evaluateTargets(table);
    // Issue 16's targets: CPU against y-websocket and the raw relay per fan-out size, many rooms'
    // CPU, p99 and ack p99, idle RSS and heap, cold sync, offline merge.
    expect(targets).toHaveLength(2 * SMOKE_SIZES.fanout.readers.length + 3 + 2 + 1 + 1);
    for (const target of targets) {
      if (target.name === 'JS heap per idle connection') expect(target.pass).toBeUndefined();
      else expect(target.pass, target.name).toBeTypeOf('boolean');
    }
    const text = renderTable(table, SERVER_KINDS, new Map(workloads.map((w) => [w.key, w.title])));
    for (const server of SERVER_KINDS) expect(text).toContain(SERVER_LABELS[server]);
    expect(renderChart(table, SERVER_KINDS)).toMatch(/^<svg[\s\S]*<rect[\s\S]*<\/svg>\n$/);
  });
});
