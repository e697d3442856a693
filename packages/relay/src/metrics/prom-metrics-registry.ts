import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { createCountingRegistry, type Labels, type MetricsRegistry } from '../core/metrics-registry.js';

export interface PromMetricsOptions {
  /**
   * The registry to register the relay's metrics in: the host app's own, so that one `/metrics`
   * shows the app's and the relay's. Default: a new registry for this relay.
   */
  readonly registry?: Registry;
  /**
   * Also collect prom-client's default metrics (process CPU, memory, file descriptors, GC,
   * event-loop lag) in that registry. Off by default: they run for the rest of the process (they
   * have no close()), and a host app usually collects them once in its own registry.
   */
  readonly processMetrics?: boolean;
}

/** The relay's metrics port on prom-client. `prom` is the registry behind it. */
export interface PromMetricsRegistry extends MetricsRegistry {
  readonly prom: Registry;
}

/**
 * prom-client behind the relay's `MetricsRegistry`. Each instrument also keeps its numbers in a
 * counting registry, because prom-client reads values only asynchronously and `get()` is sync.
 */
export function createPromMetricsRegistry(options: PromMetricsOptions = {}): PromMetricsRegistry {
  const registry = options.registry ?? new Registry();
  if (options.processMetrics === true) collectDefaultMetrics({ register: registry });
  const counts = createCountingRegistry();
  const promOptions = (name: string, help: string, labelNames: readonly string[]) => ({
    name,
    help,
    labelNames: [...labelNames],
    registers: [registry],
  });
  return {
    prom: registry,
    get contentType() {
      return registry.contentType;
    },
    render: () => registry.metrics(),
    counter(name, help, labelNames = []) {
      const prom = new Counter(promOptions(name, help, labelNames));
      const count = counts.counter(name, help, labelNames);
      return {
        inc: (labels, value = 1) => {
          prom.inc(own(labels), value);
          count.inc(labels, value);
        },
        get: (labels) => count.get(labels),
      };
    },
    gauge(name, help, labelNames = []) {
      const prom = new Gauge(promOptions(name, help, labelNames));
      const count = counts.gauge(name, help, labelNames);
      return {
        set: (value, labels) => {
          prom.set(own(labels), value);
          count.set(value, labels);
        },
        inc: (labels, value = 1) => {
          prom.inc(own(labels), value);
          count.inc(labels, value);
        },
        dec: (labels, value = 1) => {
          prom.dec(own(labels), value);
          count.dec(labels, value);
        },
        get: (labels) => count.get(labels),
        remove: (labels) => {
          prom.remove(own(labels));
          count.remove(labels);
        },
      };
    },
    histogram(name, help, buckets, labelNames = []) {
      const prom = new Histogram({ ...promOptions(name, help, labelNames), buckets: [...buckets] });
      const count = counts.histogram(name, help, buckets, labelNames);
      return {
        observe: (value, labels) => {
          prom.observe(own(labels), value);
          count.observe(value, labels);
        },
        count: (labels) => count.count(labels),
      };
    },
  };
}

/** prom-client's label objects are mutable records. */
const own = (labels: Labels | undefined): Record<string, string> => ({ ...labels });
