/** The results table (Markdown, also printed to the console): one row per metric, one column per server. */
import type { AggregateTable } from '../aggregate.js';
import { SERVER_LABELS, type ServerKind } from '../servers/server-kind.js';

interface Row {
  readonly metric: string;
  readonly label: string;
}

const ROWS: Record<string, readonly Row[]> = {
  fanout: [
    { metric: 'latencyP50', label: 'latency p50 (ms)' },
    { metric: 'latencyP95', label: 'latency p95 (ms)' },
    { metric: 'latencyP99', label: 'latency p99 (ms)' },
    { metric: 'deliveriesPerSecond', label: 'deliveries/s' },
    { metric: 'cpuUsPerDelivery', label: 'server CPU per delivery (µs)' },
    { metric: 'peakRssMb', label: 'server peak RSS (MB)' },
  ],
  rooms: [
    { metric: 'latencyP50', label: 'latency p50 (ms)' },
    { metric: 'latencyP99', label: 'latency p99 (ms)' },
    { metric: 'cpuUsPerDelivery', label: 'server CPU per delivery (µs)' },
    { metric: 'peakRssMb', label: 'server peak RSS (MB)' },
    { metric: 'ackP50', label: '6. durability ack p50 (ms)' },
    { metric: 'ackP99', label: '6. durability ack p99 (ms)' },
  ],
  idle: [
    { metric: 'connections', label: 'connections' },
    { metric: 'rssPerConnectionKb', label: 'server RSS per connection (KB)' },
    { metric: 'rssMb', label: 'server RSS (MB)' },
  ],
  cold: [{ metric: 'coldLoadMs', label: 'fresh client synced (ms)' }],
  offline: [
    { metric: 'storedMs', label: 'stored, acked (ms)' },
    { metric: 'visibleMs', label: 'visible to another client (ms)' },
  ],
};

export function renderTable(
  table: AggregateTable,
  servers: readonly ServerKind[],
  titles: ReadonlyMap<string, string>,
): string {
  const lines = [`| workload | metric | ${servers.map((s) => SERVER_LABELS[s]).join(' | ')} |`];
  lines.push(`|---|---|${servers.map(() => '--:').join('|')}|`);
  for (const [key, row] of table) {
    const rows = ROWS[key.split('-')[0] as string] ?? [];
    const title = titles.get(key) ?? key;
    for (const { metric, label } of rows) {
      const cells = servers.map((s) => formatCell(row.get(s)?.metrics[metric], row.has(s)));
      if (cells.every((c) => c === 'n/a' || c === '—')) continue;
      lines.push(`| ${title} | ${label} | ${cells.join(' | ')} |`);
    }
    const saturation = servers.map((s) => {
      const a = row.get(s);
      if (!a) return 'n/a';
      const failed = a.failures > 0 ? `, ${a.failures} failed` : '';
      return `${a.saturatedRuns}/${a.runs}${failed}`;
    });
    lines.push(`| ${title} | client saturated (runs) | ${saturation.join(' | ')} |`);
  }
  return lines.join('\n');
}

function formatCell(value: number | undefined, present: boolean): string {
  if (!present) return 'n/a';
  if (value === undefined || !Number.isFinite(value)) return '—';
  return formatNumber(value);
}

export function formatNumber(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
