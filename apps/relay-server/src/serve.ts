import { createLimits, createRelay, createRelayAuth, listenRelay, type Logger } from '@marginalia/relay';
import { openBackends } from './open-backends.js';
import type { ServeOptions } from './serve-options.js';
import { registerStaticSite } from './static-site.js';

export interface RunningRelay {
  readonly port: number;
  readonly url: string;
  /** Graceful stop: stop accepting, flush, close sockets with 1001, close the store. */
  close(): Promise<void>;
}

export { DATABASE_FILE } from './open-backends.js';

/** Opens the store, builds the relay and listens. Logs `listening` once ready. */
export async function serveRelay(options: ServeOptions, logger: Logger): Promise<RunningRelay> {
  const backends = await openBackends(options, logger);
  const { store, fanout } = backends;
  const auth = createRelayAuth(options.safety.auth);
  await auth.ready();
  if (options.safety.warning !== undefined) logger.warn(options.safety.warning);
  const relay = createRelay({
    store,
    ...(fanout === undefined ? {} : { fanout }),
    logger,
    // Process, GC and event-loop-lag metrics on /metrics (once per process: this is the program).
    processMetrics: true,
    auth,
    limits: createLimits(options.safety.limits),
    ...(options.trustedProxies.length === 0 ? {} : { trustedProxies: options.trustedProxies }),
    ...(options.persistWindowMs === undefined ? {} : { persistWindowMs: options.persistWindowMs }),
    compaction: {
      ...(options.compactRows === undefined ? {} : { maxRows: options.compactRows }),
      ...(options.compactBytes === undefined ? {} : { maxBytes: options.compactBytes }),
    },
  });
  registerStaticSite(relay.app, options.staticDir);
  const server = await listenRelay(relay, { port: options.port, hostname: options.host });
  const ready = { port: server.port, host: options.host, url: server.url, ...backends.fields };
  logger.info({ ...ready, auth: auth.enabled, staticDir: options.staticDir ?? null }, 'listening');
  let closing: Promise<void> | undefined;
  return {
    port: server.port,
    url: server.url,
    close() {
      closing ??= (async () => {
        await server.close();
        await backends.close();
        logger.info('stopped');
      })();
      return closing;
    },
  };
}
