/**
 * The chart in docs/benchmarks.svg, drawn by hand: grouped bars of fan-out latency percentiles
 * (log scale) and of server CPU per delivered update, one colour per server.
 */
import { metricOf, type AggregateTable } from '../aggregate.js';
import { SERVER_LABELS, type ServerKind } from '../servers/server-kind.js';
import { formatNumber } from './table.js';

const COLORS: Record<ServerKind, string> = {
  marginalia: '#d9480f',
  'y-websocket-leveldb': '#0b3d91',
  'hocuspocus-sqlite': '#1b5e20',
  'y-websocket': '#74c0fc',
  hocuspocus: '#8ce99a',
  raw: '#868e96',
};
const PANEL_W = 440;
const PANEL_H = 260;
const PAD = { left: 50, right: 10, top: 34, bottom: 44 };

interface Panel {
  readonly title: string;
  readonly groups: readonly string[];
  /** values[group][server index] */
  readonly values: readonly (readonly number[])[];
  readonly log: boolean;
}

export function renderChart(table: AggregateTable, servers: readonly ServerKind[]): string {
  const fanouts = [...table.keys()].filter((k) => k.startsWith('fanout-'));
  const panels: Panel[] = [];
  for (const key of fanouts) {
    const groups = ['p50', 'p95', 'p99'];
    const values = groups.map((p) => servers.map((s) => metricOf(table, key, s, `latency${p.toUpperCase()}`)));
    panels.push({
      title: `Latency, ms (${key.replace('fanout-', 'fan-out ')} readers, log)`,
      groups,
      values,
      log: true,
    });
  }
  const cpuGroups = [...fanouts, ...(table.has('rooms') ? ['rooms'] : [])];
  if (cpuGroups.length) {
    const values = cpuGroups.map((key) => servers.map((s) => metricOf(table, key, s, 'cpuUsPerDelivery')));
    panels.push({ title: 'Server CPU per delivered update, µs', groups: cpuGroups, values, log: false });
  }
  const width = PANEL_W * Math.max(1, panels.length);
  const height = PANEL_H + 30;
  const body = panels.map(
    (panel, i) => `<g transform="translate(${i * PANEL_W},0)">${renderPanel(panel, servers)}</g>`,
  );
  const legend = servers.map(
    (s, i) =>
      `<g transform="translate(${10 + i * 170},${PANEL_H + 8})"><rect width="12" height="12" fill="${COLORS[s]}"/><text x="16" y="11">${SERVER_LABELS[s]}</text></g>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...body,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

function renderPanel(panel: Panel, servers: readonly ServerKind[]): string {
  const finite = panel.values.flat().filter((v) => Number.isFinite(v) && v > 0);
  const max = finite.length ? Math.max(...finite) : 1;
  const min = panel.log ? Math.min(...finite, max) : 0;
  const lo = panel.log ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
  const hi = panel.log ? Math.pow(10, Math.ceil(Math.log10(max))) : niceCeil(max);
  const plotH = PANEL_H - PAD.top - PAD.bottom;
  const plotW = PANEL_W - PAD.left - PAD.right;
  const y = (v: number) => {
    const t = panel.log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo) || 1) : v / hi;
    return PAD.top + plotH * (1 - Math.min(1, Math.max(0, t)));
  };
  const parts = [`<text x="${PAD.left}" y="18" font-weight="bold">${panel.title}</text>`];
  for (const tick of ticks(lo, hi, panel.log)) {
    parts.push(`<line x1="${PAD.left}" x2="${PANEL_W - PAD.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e9ecef"/>`);
    parts.push(`<text x="${PAD.left - 4}" y="${y(tick) + 4}" text-anchor="end">${formatNumber(tick)}</text>`);
  }
  const groupW = plotW / panel.groups.length;
  const barW = (groupW * 0.8) / servers.length;
  panel.groups.forEach((group, g) => {
    const x0 = PAD.left + g * groupW + groupW * 0.1;
    parts.push(`<text x="${x0 + groupW * 0.4}" y="${PANEL_H - PAD.bottom + 16}" text-anchor="middle">${group}</text>`);
    servers.forEach((server, s) => {
      const v = panel.values[g]?.[s] ?? Number.NaN;
      if (!Number.isFinite(v) || v <= 0) return;
      const top = y(v);
      parts.push(
        `<rect x="${x0 + s * barW}" y="${top}" width="${barW - 1}" height="${PAD.top + plotH - top}" fill="${COLORS[server]}"><title>${SERVER_LABELS[server]}: ${formatNumber(v)}</title></rect>`,
      );
    });
  });
  return parts.join('');
}

function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let t = lo; t <= hi * 1.001; t *= 10) out.push(t);
    return out;
  }
  return [0, 1, 2, 3, 4].map((i) => (hi * i) / 4);
}

function niceCeil(v: number): number {
  const step = Math.pow(10, Math.floor(Math.log10(v)));
  return Math.ceil(v / step) * step;
}
