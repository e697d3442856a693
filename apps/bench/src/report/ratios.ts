/**
 * "Durable vs durable" and "durable vs bare" ratios: the Marginalia relay's key figure per
 * workload divided by each peer's, and what durability costs each peer (its durable figure
 * divided by its bare one). Below 1 means Marginalia (or the durable variant) costs less.
 */
import { metricOf, type AggregateTable } from '../aggregate.js';
import type { ServerKind } from '../servers/server-kind.js';

interface KeyFigure {
  readonly metric: string;
  readonly label: string;
}

/** The figure compared for each workload family (first segment of the key). */
const FIGURES: Record<string, readonly KeyFigure[]> = {
  fanout: [
    { metric: 'cpuUsPerDelivery', label: 'server CPU per delivery' },
    { metric: 'latencyP99', label: 'latency p99' },
  ],
  rooms: [
    { metric: 'cpuUsPerDelivery', label: 'server CPU per delivery' },
    { metric: 'latencyP99', label: 'latency p99' },
  ],
  idle: [{ metric: 'rssPerConnectionKb', label: 'RSS per connection' }],
  cold: [{ metric: 'coldLoadMs', label: 'cold load' }],
  offline: [{ metric: 'storedAndVisibleMs', label: 'offline merge (ours: stored and visible; peers: visible)' }],
};

const COLUMNS: readonly { readonly label: string; readonly num: ServerKind; readonly den: ServerKind }[] = [
  { label: 'ours ÷ y-ws+leveldb', num: 'marginalia', den: 'y-websocket-leveldb' },
  { label: 'ours ÷ Hocuspocus+SQLite', num: 'marginalia', den: 'hocuspocus-sqlite' },
  { label: 'ours ÷ y-ws (bare)', num: 'marginalia', den: 'y-websocket' },
  { label: 'ours ÷ Hocuspocus (bare)', num: 'marginalia', den: 'hocuspocus' },
  { label: 'y-ws+leveldb ÷ y-ws', num: 'y-websocket-leveldb', den: 'y-websocket' },
  { label: 'Hocuspocus+SQLite ÷ Hocuspocus', num: 'hocuspocus-sqlite', den: 'hocuspocus' },
];

export function renderRatios(table: AggregateTable): string {
  const lines = [
    `| workload | figure | ${COLUMNS.map((c) => c.label).join(' | ')} |`,
    `|---|---|${COLUMNS.map(() => '--:').join('|')}|`,
  ];
  for (const key of table.keys()) {
    for (const figure of FIGURES[key.split('-')[0] as string] ?? []) {
      const cells = COLUMNS.map((c) =>
        ratio(figureOf(table, key, c.num, figure.metric), figureOf(table, key, c.den, figure.metric)),
      );
      if (cells.every((c) => c === '—')) continue;
      lines.push(`| ${key} | ${figure.label} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** Peers have no durability ack: their offline-merge figure is the time to show the edits. */
function figureOf(table: AggregateTable, key: string, server: ServerKind, metric: string): number {
  const value = metricOf(table, key, server, metric);
  return metric === 'storedAndVisibleMs' && !Number.isFinite(value) ? metricOf(table, key, server, 'visibleMs') : value;
}

function ratio(num: number, den: number): string {
  const r = num / den;
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '—';
}
