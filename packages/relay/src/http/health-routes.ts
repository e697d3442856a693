import type { Hono } from 'hono';
import type { StoreStatus } from '../core/store-health.js';
import type { FanoutHealth } from '../ports/fanout.js';
import type { RelayMetrics } from '../core/relay-metrics.js';
import type { Logger } from '../core/logger.js';

export interface HealthRoutesOptions {
  /** Whether the store takes writes (the relay core's view: its writes and a write check). */
  readonly storeStatus: () => Promise<StoreStatus>;
  readonly metrics: RelayMetrics;
  readonly logger: Logger;
  readonly isClosing: () => boolean;
  /** The fanout's health, undefined without one. */
  readonly fanoutHealth: () => FanoutHealth | undefined;
}

/** /healthz (process alive), /readyz (store takes writes, fanout healthy, not shutting down), /metrics. */
export function registerHealthRoutes(app: Hono, options: HealthRoutesOptions): void {
  app.get('/healthz', (c) => c.text('ok'));
  app.get('/readyz', async (c) => {
    if (options.isClosing()) return c.text('shutting down', 503);
    const fanout = options.fanoutHealth();
    // Unhealthy: clients here would not see other relays' clients live (storage still heals them).
    if (fanout !== undefined && fanout.state !== 'healthy')
      return c.text(`fanout ${fanout.state}: ${fanout.reason ?? ''}`, 503);
    const store = await options.storeStatus();
    if (store.state === 'writable') return c.text('ready');
    options.logger.warn({ reason: store.reason }, 'store not ready');
    return c.text(`store cannot write: ${store.reason}`, 503);
  });
  app.get('/metrics', async (c) => {
    const { registry } = options.metrics;
    return c.body(await registry.render(), 200, { 'content-type': registry.contentType });
  });
}
