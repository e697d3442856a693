/** The targets for the Marginalia relay, as ratios measured in the same run. */
import { metricOf, type AggregateTable } from '../aggregate.js';
import { SERVER_LABELS } from '../servers/server-kind.js';
import { formatNumber } from './table.js';

export interface TargetResult {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  /** undefined when a figure is missing (workload not run, or it failed). */
  readonly pass: boolean | undefined;
}

/**
 * Issue 16's targets, each a ratio against peers measured in the same run (durability as shipped:
 * SQLite with synchronous=FULL, acks on). The peers named are the bare ones unless a row says so.
 */
export function evaluateTargets(table: AggregateTable): TargetResult[] {
  const fanoutKeys = [...table.keys()]
    .filter((k) => k.startsWith('fanout-'))
    .sort((a, b) => parseInt(a.slice(7)) - parseInt(b.slice(7)));
  return [
    ...fanoutKeys.flatMap((key) => fanoutTargets(table, key)),
    ...(table.has('rooms') ? roomsTargets(table) : []),
    ...(table.has('idle') ? idleTargets(table) : []),
    ...(table.has('cold') ? [coldTarget(table)] : []),
    ...(table.has('offline') ? [offlineTarget(table)] : []),
  ];
}

const us = (n: number) => `${formatNumber(n)} µs`;
const ms = (n: number) => `${formatNumber(n)} ms`;

function fanoutTargets(table: AggregateTable, key: string): TargetResult[] {
  const ours = metricOf(table, key, 'marginalia', 'cpuUsPerDelivery');
  const yws = metricOf(table, key, 'y-websocket', 'cpuUsPerDelivery');
  const raw = metricOf(table, key, 'raw', 'cpuUsPerDelivery');
  return [
    ratioTarget(
      `Server CPU per delivered update (${key})`,
      '≤ 0.8× y-websocket server',
      ours,
      yws,
      0.8,
      `${us(ours)} vs ${us(yws)}`,
    ),
    ratioTarget(
      `Server CPU per delivered update (${key})`,
      '≤ 1.3× raw relay',
      ours,
      raw,
      1.3,
      `${us(ours)} vs ${us(raw)}`,
    ),
  ];
}

function roomsTargets(table: AggregateTable): TargetResult[] {
  const cpu = metricOf(table, 'rooms', 'marginalia', 'cpuUsPerDelivery');
  const ywsCpu = metricOf(table, 'rooms', 'y-websocket', 'cpuUsPerDelivery');
  const p99 = metricOf(table, 'rooms', 'marginalia', 'latencyP99');
  const peers = [...(table.get('rooms')?.keys() ?? [])].filter((s) => s !== 'marginalia');
  const best = peers
    .map((s) => ({ server: s, p99: metricOf(table, 'rooms', s, 'latencyP99') }))
    .filter((peer) => Number.isFinite(peer.p99))
    .sort((a, b) => a.p99 - b.p99)[0];
  const ackP99 = metricOf(table, 'rooms', 'marginalia', 'ackP99');
  return [
    ratioTarget(
      'Server CPU, many rooms',
      '≤ 1× y-websocket server',
      cpu,
      ywsCpu,
      1,
      `${us(cpu)} vs ${us(ywsCpu)} per delivery`,
    ),
    ratioTarget(
      'Latency p99, many rooms',
      '≤ 1× best peer',
      p99,
      best?.p99 ?? Number.NaN,
      1,
      `${ms(p99)} vs ${ms(best?.p99 ?? Number.NaN)} (${best === undefined ? 'no peer' : SERVER_LABELS[best.server]})`,
    ),
    absoluteTarget('Durability ack p99, many rooms', '< 20 ms', ackP99, 20, ms(ackP99)),
  ];
}

function idleTargets(table: AggregateTable): TargetResult[] {
  const ours = metricOf(table, 'idle', 'marginalia', 'rssPerConnectionKb');
  const yws = metricOf(table, 'idle', 'y-websocket', 'rssPerConnectionKb');
  return [
    ratioTarget(
      'RSS per idle connection',
      '≤ 0.6× y-websocket server',
      ours,
      yws,
      0.6,
      `${formatNumber(ours)} KB vs ${formatNumber(yws)} KB`,
    ),
    {
      name: 'JS heap per idle connection',
      target: '≤ 1× y-websocket server',
      measured: "not measured by pnpm bench (the packaging section below has the relay's own, not the peers')",
      pass: undefined,
    },
  ];
}

function coldTarget(table: AggregateTable): TargetResult {
  const ours = metricOf(table, 'cold', 'marginalia', 'coldLoadMs');
  const yws = metricOf(table, 'cold', 'y-websocket', 'coldLoadMs');
  return ratioTarget(
    'Cold sync from disk',
    '≤ 1× y-websocket server from RAM',
    ours,
    yws,
    1,
    `${ms(ours)} vs ${ms(yws)}`,
  );
}

function offlineTarget(table: AggregateTable): TargetResult {
  const ours = metricOf(table, 'offline', 'marginalia', 'storedAndVisibleMs');
  const yws = metricOf(table, 'offline', 'y-websocket', 'visibleMs');
  return ratioTarget(
    'Offline merge stored, acked and visible',
    '≤ 0.8× y-websocket server (visible only)',
    ours,
    yws,
    0.8,
    `${ms(ours)} vs ${ms(yws)}`,
  );
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
