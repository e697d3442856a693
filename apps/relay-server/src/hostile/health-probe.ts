import { Worker } from 'node:worker_threads';

/** What a probe saw: how many /healthz answers, the slowest, and every one over the bound. */
export interface HealthReport {
  readonly samples: number;
  readonly maxMs: number;
  /** The median answer time. */
  readonly medianMs: number;
  readonly slow: readonly { readonly at: string; readonly ms: number }[];
  readonly failures: readonly string[];
}

export interface HealthProbe {
  /** Resolves once the probe has made its first (warm-up) request. */
  readonly ready: Promise<void>;
  /** Stops probing and resolves with everything seen since the start. */
  stop(): Promise<HealthReport>;
}

// Runs on its own thread (its own event loop): the test's sockets and payloads cannot delay it.
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, everyMs, boundMs } = workerData;
const report = { samples: 0, maxMs: 0, medianMs: 0, slow: [], failures: [] };
const times = [];
let running = true;
parentPort.on('message', () => { running = false; });
(async () => {
  await fetch(url).then((response) => response.text(), () => undefined); // warm-up: not a sample
  parentPort.postMessage('ready');
  while (running) {
    const started = performance.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await response.text();
      if (response.status !== 200) report.failures.push('status ' + response.status);
    } catch (error) {
      report.failures.push(String(error));
    }
    const ms = performance.now() - started;
    report.samples += 1;
    times.push(ms);
    report.maxMs = Math.max(report.maxMs, ms);
    if (ms > boundMs) report.slow.push({ at: new Date().toISOString(), ms: Math.round(ms) });
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  times.sort((a, b) => a - b);
  report.medianMs = times[Math.floor(times.length / 2)] ?? 0;
  parentPort.postMessage(report);
})();
`;

/** Asks `<relayUrl>/healthz` every `everyMs` from a worker thread until stopped. */
export function startHealthProbe(relayUrl: string, options: { everyMs?: number; boundMs?: number } = {}): HealthProbe {
  const worker = new Worker(PROBE, {
    eval: true,
    workerData: { url: `${relayUrl}/healthz`, everyMs: options.everyMs ?? 10, boundMs: options.boundMs ?? 100 },
  });
  const done = new Promise<HealthReport>((resolve, reject) => {
    worker.on('message', (message: HealthReport | 'ready') => message !== 'ready' && resolve(message));
    worker.once('error', reject);
  });
  const ready = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  return {
    ready,
    async stop() {
      worker.postMessage('stop');
      const report = await done;
      await worker.terminate();
      return report;
    },
  };
}
