/**
 * The relay's metrics port: counters, gauges and histograms with labels. The core only counts
 * through it; rendering `/metrics` is the job of the prom-client adapter outside the core
 * (`createPromMetricsRegistry`). `createCountingRegistry` keeps plain numbers for a core used on
 * its own (no Node, no rendering).
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
  /** Drops the series of `labels` (e.g. a per-document series once the document is unloaded). */
  remove(labels: Labels): void;
}
export interface Histogram {
  observe(value: number, labels?: Labels): void;
  count(labels?: Labels): number;
}

export interface MetricsRegistry {
  /** `labelNames`: every label the instrument may be given (Prometheus registries declare them). */
  counter(name: string, help: string, labelNames?: readonly string[]): Counter;
  gauge(name: string, help: string, labelNames?: readonly string[]): Gauge;
  histogram(name: string, help: string, buckets: readonly number[], labelNames?: readonly string[]): Histogram;
  /** Everything registered, in the exposition format named by `contentType`. */
  render(): Promise<string>;
  readonly contentType: string;
}

/** A registry that only keeps the numbers (for `get`/`count`); it renders nothing. */
export function createCountingRegistry(): MetricsRegistry {
  const names = new Set<string>();
  const claim = (name: string): void => {
    if (names.has(name)) throw new Error(`metric ${name} registered twice`);
    names.add(name);
  };
  return {
    counter: (name) => (claim(name), createValues()),
    gauge: (name) => (claim(name), createValues()),
    histogram(name) {
      claim(name);
      const counts = createValues();
      return { observe: (_value, labels) => counts.inc(labels), count: (labels) => counts.get(labels) };
    },
    render: () => Promise.resolve(''),
    contentType: 'text/plain; charset=utf-8',
  };
}

function createValues(): Gauge {
  const values = new Map<string, number>();
  const add = (labels: Labels | undefined, delta: number): void => {
    const key = labelKey(labels);
    values.set(key, (values.get(key) ?? 0) + delta);
  };
  return {
    inc: (labels, value = 1) => add(labels, value),
    dec: (labels, value = 1) => add(labels, -value),
    set: (value, labels) => void values.set(labelKey(labels), value),
    get: (labels) => values.get(labelKey(labels)) ?? 0,
    remove: (labels) => void values.delete(labelKey(labels)),
  };
}

function labelKey(labels: Labels | undefined): string {
  if (labels === undefined) return '';
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((key) => [key, labels[key]]),
  );
}
