/** Event-loop delay and CPU share of a client worker, to flag runs where the load side saturated. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LoopReport } from './phases.js';

export interface LoopMonitor {
  reset(): void;
  read(): LoopReport;
  close(): void;
}

export function createLoopMonitor(): LoopMonitor {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();
  return {
    reset() {
      histogram.reset();
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
    },
    read() {
      const cpu = process.cpuUsage(cpuStart);
      const wallMs = Math.max(1, performance.now() - wallStart);
      return {
        delayP50: histogram.percentile(50) / 1e6,
        delayP99: histogram.percentile(99) / 1e6,
        delayMax: histogram.max / 1e6,
        cpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
      };
    },
    close: () => histogram.disable(),
  };
}
