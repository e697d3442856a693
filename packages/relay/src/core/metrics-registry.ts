/**
 * A minimal Prometheus-text metrics registry: counters, gauges and histograms with labels.
 * No global state: each relay owns one registry (see `createRelayMetrics`).
 */

export type Labels = Readonly<Record<string, string>>;

export interface Counter {
  inc(labels?: Labels, value?: number): void;
  get(labels?: Labels): number;
}
export interface Gauge {
  set(value: number, labels?: Labels): void;
  inc(labels?: Labels, value?: number): void;
  dec(labels?: Labels, value?: number): void;
  get(labels?: Labels): number;
}
export interface Histogram {
  observe(value: number, labels?: Labels): void;
  count(labels?: Labels): number;
}

export interface MetricsRegistry {
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string): Gauge;
  histogram(name: string, help: string, buckets: readonly number[]): Histogram;
  /** The whole registry in Prometheus text exposition format 0.0.4. */
  render(): string;
}

interface Series {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  lines(): string[];
}

export function createMetricsRegistry(): MetricsRegistry {
  const series = new Map<string, Series>();
  const register = <T extends Series>(entry: T): T => {
    if (series.has(entry.name)) throw new Error(`metric ${entry.name} registered twice`);
    series.set(entry.name, entry);
    return entry;
  };
  return {
    counter: (name, help) => register(createValueSeries(name, help, 'counter')),
    gauge: (name, help) => register(createValueSeries(name, help, 'gauge')),
    histogram: (name, help, buckets) => register(createHistogramSeries(name, help, buckets)),
    render() {
      const out: string[] = [];
      for (const entry of series.values()) {
        out.push(`# HELP ${entry.name} ${entry.help}`, `# TYPE ${entry.name} ${entry.type}`, ...entry.lines());
      }
      return `${out.join('\n')}\n`;
    },
  };
}

function labelKey(labels: Labels | undefined): string {
  if (labels === undefined) return '';
  const parts = Object.keys(labels)
    .sort()
    .map((key) => `${key}="${escapeLabel(labels[key] ?? '')}"`);
  return parts.join(',');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function withLabels(name: string, key: string, extra?: string): string {
  const all = [key, extra].filter((part) => part !== undefined && part !== '').join(',');
  return all === '' ? name : `${name}{${all}}`;
}

function createValueSeries(name: string, help: string, type: 'counter' | 'gauge'): Series & Gauge {
  const values = new Map<string, number>();
  const add = (labels: Labels | undefined, delta: number): void => {
    const key = labelKey(labels);
    values.set(key, (values.get(key) ?? 0) + delta);
  };
  return {
    name,
    help,
    type,
    inc: (labels, value = 1) => add(labels, value),
    dec: (labels, value = 1) => add(labels, -value),
    set: (value, labels) => void values.set(labelKey(labels), value),
    get: (labels) => values.get(labelKey(labels)) ?? 0,
    lines: () => (values.size === 0 && type === 'gauge' ? [`${name} 0`] : linesOf(name, values)),
  };
}

function linesOf(name: string, values: Map<string, number>): string[] {
  if (values.size === 0) return [`${name} 0`];
  return [...values].map(([key, value]) => `${withLabels(name, key)} ${value}`);
}

interface HistogramState {
  readonly counts: number[];
  sum: number;
  count: number;
}

function createHistogramSeries(name: string, help: string, buckets: readonly number[]): Series & Histogram {
  const states = new Map<string, HistogramState>();
  const stateOf = (key: string): HistogramState => {
    let state = states.get(key);
    if (state === undefined) {
      state = { counts: buckets.map(() => 0), sum: 0, count: 0 };
      states.set(key, state);
    }
    return state;
  };
  return {
    name,
    help,
    type: 'histogram',
    observe(value, labels) {
      const state = stateOf(labelKey(labels));
      buckets.forEach((bound, index) => {
        if (value <= bound) state.counts[index] = (state.counts[index] ?? 0) + 1;
      });
      state.sum += value;
      state.count += 1;
    },
    count: (labels) => states.get(labelKey(labels))?.count ?? 0,
    lines() {
      if (states.size === 0) stateOf('');
      const out: string[] = [];
      for (const [key, state] of states) {
        buckets.forEach((bound, index) => {
          out.push(`${withLabels(`${name}_bucket`, key, `le="${bound}"`)} ${state.counts[index] ?? 0}`);
        });
        out.push(`${withLabels(`${name}_bucket`, key, 'le="+Inf"')} ${state.count}`);
        out.push(`${withLabels(`${name}_sum`, key)} ${state.sum}`, `${withLabels(`${name}_count`, key)} ${state.count}`);
      }
      return out;
    },
  };
}
