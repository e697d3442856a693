import { Hono } from 'hono';
import type * as Y from 'yjs';
import type { Registry } from 'prom-client';
import { WebSocketServer, type PerMessageDeflateOptions } from 'ws';
import type { RelayAuth, RelayLimits } from './ports/admission.js';
import type { DocumentStore } from './ports/document-store.js';
import type { Fanout } from './ports/fanout.js';
import { createSilentLogger, type Logger } from './core/logger.js';
import type { CompactionPolicy } from './core/persister.js';
import { createRelayCore, type RelayCore } from './core/relay-core.js';
import { createRelayMetrics, type RelayMetrics } from './core/relay-metrics.js';
import { createClientAddress } from './http/client-address.js';
import { createDocNameGuard } from './http/doc-name-guard.js';
import { DOCS_PREFIX, registerDocRoutes } from './http/doc-routes.js';
import { createErrorHandler } from './http/error-handler.js';
import { registerHealthRoutes } from './http/health-routes.js';
import { closeSockets } from './http/close-sockets.js';
import { startHeartbeat } from './http/heartbeat.js';
import { createPromMetricsRegistry } from './metrics/prom-metrics-registry.js';
import { normalizeBasePath } from './http/base-path.js';
import { createUpgradeHandler, type UpgradeFetch, type UpgradeHandler } from './http/relay-upgrade.js';
import { bindSocket } from './http/socket-binding.js';
import { createWebSocketRoute, SYNC_PREFIX } from './http/websocket-route.js';

export interface RelayConfig {
  /** Where documents live. The relay never closes it: its owner does, after `relay.close()`. */
  readonly store: DocumentStore;
  /** Fan-out between instances (none by default: a single instance). */
  readonly fanout?: Fanout;
  readonly logger?: Logger;
  /** The relay's instruments; by default `createRelayMetrics` on a prom-client registry (below). */
  readonly metrics?: RelayMetrics;
  /**
   * A prom-client registry to register the relay's metrics in (the host app's own, so that its
   * `/metrics` shows them next to the app's). By default each relay has its own registry.
   * Ignored when `metrics` is given.
   */
  readonly metricsRegistry?: Registry;
  /**
   * Collect prom-client's default metrics (process CPU and memory, file descriptors, GC,
   * event-loop lag) in the relay's registry. Off by default: they cannot be stopped, so they
   * outlive `close()`; turn them on once per process (the relay program does).
   */
  readonly processMetrics?: boolean;
  /**
   * Admission checks: `createRelayAuth({ secret?, allowedOrigins? })` checks the Origin allowlist
   * and the token (with or without a key). Without it every request may read and write.
   */
  readonly auth?: RelayAuth;
  readonly limits?: RelayLimits;
  readonly compaction?: Partial<CompactionPolicy>;
  /**
   * Group commit window in ms (default 2): the updates of all documents are committed in one
   * transaction per window, or per event-loop turn with 0. A window adds at most that to ack
   * latency, never to broadcasts.
   */
  readonly persistWindowMs?: number;
  /** JSON export for GET /v1/docs/<name>. */
  readonly toJson?: (doc: Y.Doc) => unknown;
  readonly instanceId?: string;
  /**
   * Addresses or CIDR ranges of the reverse proxies in front of the relay (e.g. `['127.0.0.1',
   * '10.0.0.0/8']`). Only for a request whose TCP peer is one of them, the per-IP limits use the
   * client address from `Forwarded` / `X-Forwarded-For` instead of the peer's. None by default:
   * those headers are then never read (anyone could send them).
   */
  readonly trustedProxies?: readonly string[];
  /** Ping period for dead-socket detection (a socket missing one pong is dropped). Default 30 s. */
  readonly heartbeatMs?: number;
  /** On close, how long sockets get to answer the 1001 close frame before they are cut off. Default 2 s. */
  readonly shutdownGraceMs?: number;
  /**
   * WebSocket compression (permessage-deflate), off by default: each compressing socket holds its
   * own zlib contexts (tens of KB of memory per connection, and CPU per message), and Yjs updates
   * are small binary frames that gain little. `true` or ws's options turn it on.
   */
  readonly perMessageDeflate?: boolean | PerMessageDeflateOptions;
  /**
   * The path the relay's routes live under, for mounting into an existing app: with `'/collab'`
   * the socket is `/collab/v1/sync/<doc>` (clients take `ws://host/collab` as their URL), the HTTP
   * API `/collab/v1/docs/...` and the health routes `/collab/healthz` and so on. Mount the app with
   * `host.route('/', relay.app)`. Default: the root.
   */
  readonly basePath?: string;
  /**
   * Serve `healthz`, `readyz` and `metrics` under the base path (default true). An embedding app
   * that has its own turns them off and may call `relay.metrics.registry.render()` itself.
   */
  readonly healthRoutes?: boolean;
}

/** What {@link Relay.upgradeHandler} takes: any app with a fetch (a hono app, typed bindings or not). */
export interface UpgradeApp {
  // A method, so that apps whose fetch declares narrower bindings (`HttpBindings`) fit too.
  fetch(...args: Parameters<UpgradeFetch>): ReturnType<UpgradeFetch>;
}

export interface Relay {
  /** The hono app: mount it, or add routes to it (e.g. static files) after the relay's own. */
  readonly app: Hono;
  /** Pass to `serve({ fetch: relay.app.fetch, websocket: relay.websocket })` of @hono/node-server. */
  readonly websocket: { readonly server: WebSocketServer };
  /**
   * A Node `upgrade` listener (`server.on('upgrade', relay.handleUpgrade)`, what `listenRelay`
   * does): the leaner alternative to `websocket` above, which keeps each request's hono context,
   * Request and headers alive for as long as its socket is open.
   */
  readonly handleUpgrade: UpgradeHandler;
  /**
   * The same listener, but the upgrade request is answered by `app` (the host app that mounts
   * `relay.app`), so the host's middleware runs first and can refuse it (401, 403, ...):
   * `server.on('upgrade', relay.upgradeHandler(hostApp))`.
   */
  upgradeHandler(app: UpgradeApp): UpgradeHandler;
  readonly core: RelayCore;
  readonly metrics: RelayMetrics;
  /**
   * Stops accepting, writes everything, closes every socket with 1001 (cutting off those that do
   * not answer within `shutdownGraceMs`). Does not close the store.
   */
  close(): Promise<void>;
}

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** Creates a relay instance: no module-level state, everything hangs off the returned object. */
export function createRelay(config: RelayConfig): Relay {
  const logger = config.logger ?? createSilentLogger();
  const metrics = config.metrics ?? createDefaultMetrics(config);
  const core = createRelayCore({
    store: config.store,
    metrics,
    logger,
    ...(config.fanout === undefined ? {} : { fanout: config.fanout }),
    ...(config.instanceId === undefined ? {} : { instanceId: config.instanceId }),
    ...(config.compaction === undefined ? {} : { compaction: config.compaction }),
    ...(config.persistWindowMs === undefined ? {} : { persistWindowMs: config.persistWindowMs }),
    ...(config.limits?.maxPendingBytesPerDoc === undefined
      ? {}
      : { maxPendingBytesPerDoc: config.limits.maxPendingBytesPerDoc }),
    ...(config.limits?.maxPendingStructsPerDoc === undefined
      ? {}
      : { maxPendingStructsPerDoc: config.limits.maxPendingStructsPerDoc }),
    ...(config.limits?.maxPendingDeletesPerDoc === undefined
      ? {}
      : { maxPendingDeletesPerDoc: config.limits.maxPendingDeletesPerDoc }),
    ...(config.limits?.maxLoadedDocs === undefined ? {} : { maxLoadedDocs: config.limits.maxLoadedDocs }),
    ...(config.limits?.maxDocBytes === undefined ? {} : { maxDocBytes: config.limits.maxDocBytes }),
    ...(config.limits?.maxDocStructs === undefined ? {} : { maxDocStructs: config.limits.maxDocStructs }),
    ...(config.limits?.maxConflictSteps === undefined ? {} : { maxConflictSteps: config.limits.maxConflictSteps }),
    ...(config.limits?.conflictStepsPerSecond === undefined
      ? {}
      : { conflictStepsPerSecond: config.limits.conflictStepsPerSecond }),
    ...(config.limits?.presence === undefined ? {} : { presence: config.limits.presence }),
  });
  const maxFrameBytes = config.limits?.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const maxLoadedDocs = config.limits?.maxLoadedDocs ?? Number.POSITIVE_INFINITY;
  const admission = {
    ...(config.auth === undefined ? {} : { auth: config.auth }),
    ...(config.limits === undefined ? {} : { limits: config.limits }),
    maxFrameBytes,
    canLoad: (docName: string) => core.isLoaded(docName) || core.loadedDocs() < maxLoadedDocs,
    clientAddress: createClientAddress(config.trustedProxies),
  };
  let closing = false;

  const basePath = normalizeBasePath(config.basePath);
  const app = basePath === '' ? new Hono() : new Hono().basePath(basePath);
  app.onError(createErrorHandler(logger));
  const prefixes = [`${basePath}${SYNC_PREFIX}`, `${basePath}${DOCS_PREFIX}`];
  app.use(
    '*',
    createDocNameGuard(prefixes, (reason) => metrics.refusals.inc({ reason })),
  );
  if (config.healthRoutes !== false)
    registerHealthRoutes(app, {
      storeStatus: () => core.storeStatus(),
      metrics,
      logger,
      isClosing: () => closing,
      fanoutHealth: () => core.fanoutHealth(),
    });
  app.get(
    `${SYNC_PREFIX}*`,
    createWebSocketRoute({ core, admission, limits: config.limits, logger, prefix: `${basePath}${SYNC_PREFIX}` }),
  );
  registerDocRoutes(app, {
    core,
    admission,
    logger,
    basePath,
    maxUpdateBytes: maxFrameBytes,
    ...(config.toJson === undefined ? {} : { toJson: config.toJson }),
  });

  // The socket's own cap sits above maxFrameBytes so that the frame meter refuses a too-large
  // frame with 4413; only frames past twice the limit are cut off by ws itself (1009).
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameBytes * 2,
    perMessageDeflate: config.perMessageDeflate ?? false,
  });
  const heartbeat = startHeartbeat(server, config.heartbeatMs ?? 30_000);
  const upgradeHandler = (host: UpgradeApp): UpgradeHandler =>
    createUpgradeHandler({
      fetch: (request, env) => host.fetch(request, env),
      server,
      bind: (ws, admitted) => bindSocket(ws, admitted, core, logger),
      logger,
    });
  return {
    app: app,
    websocket: { server },
    handleUpgrade: upgradeHandler(app),
    upgradeHandler,
    core,
    metrics,
    async close() {
      closing = true;
      heartbeat.close();
      await core.close();
      await closeSockets(server, config.shutdownGraceMs ?? 2000);
      server.close();
    },
  };
}

function createDefaultMetrics(config: RelayConfig): RelayMetrics {
  const registry = createPromMetricsRegistry({
    ...(config.metricsRegistry === undefined ? {} : { registry: config.metricsRegistry }),
    ...(config.processMetrics === undefined ? {} : { processMetrics: config.processMetrics }),
  });
  return createRelayMetrics(registry);
}
