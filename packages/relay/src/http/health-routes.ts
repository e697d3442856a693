import type { Hono } from 'hono';
import type { DocumentStore } from '../ports/document-store.js';
import type { RelayMetrics } from '../core/relay-metrics.js';
import { errorFields, type Logger } from '../core/logger.js';

export interface HealthRoutesOptions {
  readonly store: DocumentStore;
  readonly metrics: RelayMetrics;
  readonly logger: Logger;
  readonly isClosing: () => boolean;
}

/** /healthz (process alive), /readyz (store reachable, not shutting down), /metrics. */
export function registerHealthRoutes(app: Hono, options: HealthRoutesOptions): void {
  app.get('/healthz', (c) => c.text('ok'));
  app.get('/readyz', async (c) => {
    if (options.isClosing()) return c.text('shutting down', 503);
    try {
      await options.store.ping();
      return c.text('ready');
    } catch (error) {
      options.logger.warn(errorFields(error), 'store not ready');
      return c.text('store unavailable', 503);
    }
  });
  app.get('/metrics', async (c) => {
    const { registry } = options.metrics;
    return c.body(await registry.render(), 200, { 'content-type': registry.contentType });
  });
}
