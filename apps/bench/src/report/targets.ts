/** The targets for the Marginalia relay, as ratios measured in the same run. */
import { metricOf, type AggregateTable } from '../aggregate.js';
import { formatNumber } from './table.js';

export interface TargetResult {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  /** undefined when a figure is missing (workload not run, or it failed). */
  readonly pass: boolean | undefined;
}

export function evaluateTargets(table: AggregateTable): TargetResult[] {
  const fanoutKey = [...table.keys()]
    .filter((k) => k.startsWith('fanout-'))
    .sort((a, b) => parseInt(a.slice(7)) - parseInt(b.slice(7)))[0];
  const results: TargetResult[] = [];
  if (fanoutKey) {
    const ours = metricOf(table, fanoutKey, 'marginalia', 'cpuUsPerDelivery');
    const yws = metricOf(table, fanoutKey, 'y-websocket', 'cpuUsPerDelivery');
    const raw = metricOf(table, fanoutKey, 'raw', 'cpuUsPerDelivery');
    results.push(
      ratioTarget(
        `Server CPU per delivered update (${fanoutKey})`,
        '≤ 0.5× y-websocket server',
        ours,
        yws,
        0.5,
        `${formatNumber(ours)} µs vs ${formatNumber(yws)} µs (raw relay ${formatNumber(raw)} µs)`,
      ),
    );
  }
  if (table.has('rooms')) {
    const ours = metricOf(table, 'rooms', 'marginalia', 'latencyP99');
    const peers = (['y-websocket', 'hocuspocus', 'raw'] as const)
      .map((s) => metricOf(table, 'rooms', s, 'latencyP99'))
      .filter(Number.isFinite);
    const best = peers.length ? Math.min(...peers) : Number.NaN;
    results.push(
      ratioTarget(
        'p99 latency, many rooms',
        '≤ 1× best peer',
        ours,
        best,
        1,
        `${formatNumber(ours)} ms vs ${formatNumber(best)} ms`,
      ),
    );
  }
  if (table.has('idle')) {
    const ours = metricOf(table, 'idle', 'marginalia', 'rssPerConnectionKb');
    results.push(absoluteTarget('RSS per idle connection', '≤ 6 KB', ours, 6, `${formatNumber(ours)} KB`));
  }
  if (table.has('cold')) {
    const ours = metricOf(table, 'cold', 'marginalia', 'coldLoadMs');
    const yws = metricOf(table, 'cold', 'y-websocket', 'coldLoadMs');
    results.push(
      ratioTarget(
        'Cold load from disk',
        '≤ 1× y-websocket server from RAM',
        ours,
        yws,
        1,
        `${formatNumber(ours)} ms vs ${formatNumber(yws)} ms`,
      ),
    );
  }
  if (table.has('offline')) {
    const ours = metricOf(table, 'offline', 'marginalia', 'storedAndVisibleMs');
    results.push(absoluteTarget('Offline merge stored and visible', '< 200 ms', ours, 200, `${formatNumber(ours)} ms`));
  }
  return results;
}

function ratioTarget(
  name: string,
  target: string,
  ours: number,
  theirs: number,
  limit: number,
  detail: string,
): TargetResult {
  const ratio = ours / theirs;
  const ok = Number.isFinite(ratio);
  return {
    name,
    target,
    measured: ok ? `${ratio.toFixed(2)}× (${detail})` : 'not measured',
    pass: ok ? ratio <= limit : undefined,
  };
}

function absoluteTarget(name: string, target: string, ours: number, limit: number, detail: string): TargetResult {
  const ok = Number.isFinite(ours);
  return { name, target, measured: ok ? detail : 'not measured', pass: ok ? ours <= limit : undefined };
}

export function renderTargets(targets: readonly TargetResult[]): string {
  const lines = ['| target | wanted | measured | verdict |', '|---|---|---|---|'];
  for (const t of targets) {
    const verdict = t.pass === undefined ? 'NOT MEASURED' : t.pass ? 'PASS' : 'FALL SHORT';
    lines.push(`| ${t.name} | ${t.target} | ${t.measured} | ${verdict} |`);
  }
  return lines.join('\n');
}
