import type { Fanout, FanoutHealth } from '../ports/fanout.js';
import type { Logger } from './logger.js';
import type { RelayMetrics } from './relay-metrics.js';

const STATES: readonly FanoutHealth['state'][] = ['healthy', 'unhealthy', 'closed'];
const ALWAYS_HEALTHY: FanoutHealth = { state: 'healthy', reason: undefined };

/** The relay's view of its fanout: counted messages, health on /metrics and in the logs. */
export interface FanoutMonitor {
  /** The fanout to use: the same, with every message counted. */
  readonly fanout: Fanout;
  /** The transport's health (always healthy for a transport that cannot fail). */
  health(): FanoutHealth;
  close(): void;
}

/**
 * Wraps a fanout so that every message published and received (from other instances) is counted
 * by kind, and keeps `marginalia_fanout_state` and the `fanout unhealthy` / `fanout healthy`
 * log lines in step with the transport's own health checks.
 */
export function monitorFanout(inner: Fanout, metrics: RelayMetrics, logger: Logger, instanceId: string): FanoutMonitor {
  const health = (): FanoutHealth => inner.health?.() ?? ALWAYS_HEALTHY;
  const show = (current: FanoutHealth): void => {
    for (const state of STATES) metrics.fanoutState.set(state === current.state ? 1 : 0, { state });
  };
  show(health());
  const stop = inner.onHealth?.((current) => {
    show(current);
    if (current.state === 'unhealthy') logger.warn({ reason: current.reason }, 'fanout unhealthy');
    else logger.info(`fanout ${current.state}`);
  });
  const fanout: Fanout = {
    ...inner,
    publish(docName, message) {
      metrics.fanoutPublished.inc({ kind: message.kind });
      return inner.publish(docName, message);
    },
    subscribe(docName, listener) {
      return inner.subscribe(docName, (message) => {
        if (message.origin !== instanceId) metrics.fanoutReceived.inc({ kind: message.kind });
        listener(message);
      });
    },
  };
  return {
    fanout,
    health,
    close() {
      stop?.();
      show({ state: 'closed', reason: 'closed' });
    },
  };
}
