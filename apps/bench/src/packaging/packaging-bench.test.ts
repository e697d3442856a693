/**
 * Smoke test of `pnpm --filter @marginalia/bench bench:packaging` at tiny sizes, so the measurement
 * cannot rot: both relay programs start and answer, every upgrade path syncs stock clients, and the
 * report has every row. It asserts no speed or memory figure (those are measured, not tested).
 */
import { describe, expect, it } from 'vitest';
import { measureSockets, measureStartup, renderPackagingReport, renderPackagingSection } from './packaging-bench.js';
import { SOCKET_PATHS } from './socket-paths.js';

describe('packaging bench at tiny sizes', () => {
  it(
    'starts the compiled and the tsx relay, syncs sockets on every upgrade path, reports them',
    { timeout: 180_000 },
    async () => {
      const startups = [await measureStartup('compiled', 1), await measureStartup('tsx', 1)];
      for (const startup of startups) {
        expect(startup.startMs).toBeGreaterThan(0);
        expect(startup.rssMb).toBeGreaterThan(10);
      }
      const sockets = [];
      for (const path of SOCKET_PATHS) sockets.push(await measureSockets(path, 5));
      expect(sockets.map((s) => [s.path, s.sockets])).toEqual(SOCKET_PATHS.map((path) => [path, 5]));
      for (const result of sockets) expect(Number.isFinite(result.heapKbPerSocket), result.path).toBe(true);
      const report = renderPackagingReport(startups, sockets);
      expect(renderPackagingSection(report, 1, ['0', '0'])).toContain(report);
      expect(report).toContain('sources through tsx (before)');
      for (const path of SOCKET_PATHS) expect(report).toContain(`| ${path} | 5 |`);
    },
  );
});
