/**
 * `pnpm --filter @marginalia/bench bench:packaging`: what the packaging work changed for operators
 * and embedders (docs/benchmarks.md "Packaging"):
 * 1. start-up time and idle RSS of the relay program compiled (`node bin/marginalia-relay.js`) and
 *    as it ran before (TypeScript sources through the tsx loader);
 * 2. memory per idle synced socket on each way an upgrade can reach the relay.
 * Flags: --runs N (start-ups per variant, default 5), --sockets N (default 1000), --write (the
 * docs/benchmarks.md section, see report/kept-sections.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { createBenchClient, withTimeout, type BenchClient } from '../clients/bench-client.js';
import { median, rssMb, spawnMeasured, type SpawnSpec } from './spawn-measured.js';
import { SOCKET_PATHS, type SocketPath } from './socket-paths.js';
import { replaceSection } from '../report/kept-sections.js';

// eslint-disable-next-line marginalia/no-url-into-other-package -- the program is spawned as operators do
const relayServerDir = fileURLToPath(new URL('../../../relay-server', import.meta.url));
const entry = fileURLToPath(new URL('./embedded-relay-entry.ts', import.meta.url));
/** The tsconfig whose `paths` send @marginalia/* to their sources (for the tsx-run variant). */
const SOURCE_PATHS_TSCONFIG = fileURLToPath(new URL('../../../../.config/tsconfig.eslint.json', import.meta.url));
const benchDir = fileURLToPath(new URL('../..', import.meta.url));
const benchmarksFile = fileURLToPath(new URL('../../../../docs/benchmarks.md', import.meta.url));
const SETTLE_MS = 2000;
const BATCH = 50;

export interface StartupResult {
  readonly variant: 'compiled' | 'tsx';
  readonly startMs: number;
  readonly rssMb: number;
}

export interface SocketResult {
  readonly path: SocketPath;
  readonly sockets: number;
  readonly rssKbPerSocket: number;
  readonly heapKbPerSocket: number;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function relayCommand(variant: StartupResult['variant'], dataDir: string) {
  return (port: number): SpawnSpec => {
    const common = ['serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir, '--no-static'];
    const args =
      variant === 'compiled' ? ['bin/marginalia-relay.js', ...common] : ['--import', 'tsx', 'src/main.ts', ...common];
    // tsx sends @marginalia/* to their sources through this tsconfig's `paths` (their exports name dist/).
    const sources: Record<string, string> = variant === 'compiled' ? {} : { TSX_TSCONFIG_PATH: SOURCE_PATHS_TSCONFIG };
    return { args, cwd: relayServerDir, env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', ...sources } };
  };
}

export async function measureStartup(variant: StartupResult['variant'], runs: number): Promise<StartupResult> {
  const starts: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
    const server = await spawnMeasured(relayCommand(variant, dataDir));
    starts.push(server.startMs);
    await delay(SETTLE_MS);
    rss.push(rssMb(server.child));
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { variant, startMs: median(starts), rssMb: median(rss) };
}

async function heapUsed(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/bench/heap`);
  return ((await response.json()) as { heapUsed: number }).heapUsed;
}

export async function measureSockets(path: SocketPath, sockets: number): Promise<SocketResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-sockets-'));
  const server = await spawnMeasured((port) => ({
    args: ['--expose-gc', '--import', 'tsx', entry],
    cwd: benchDir,
    env: { NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir, SOCKET_PATH: path },
  }));
  const clients: BenchClient[] = [];
  try {
    const prefix = path === 'upgradeHandler' ? '/collab' : '';
    const endpoint = {
      server: 'marginalia',
      client: 'y-websocket',
      acks: true,
      baseUrl: `ws://127.0.0.1:${server.port}${prefix}/v1/sync`,
    } as const;
    // One socket first: the room, its document and the code paths are loaded before the baseline.
    clients.push(createBenchClient(endpoint, 'bench-sockets', new Y.Doc()));
    await withTimeout(clients[0]!.synced, 30_000, 'the first socket to sync');
    await delay(SETTLE_MS);
    const before = { rss: rssMb(server.child), heap: await heapUsed(server.port) };
    for (let i = 1; i < sockets; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, sockets - i) }, () =>
        createBenchClient(endpoint, 'bench-sockets', new Y.Doc()),
      );
      clients.push(...batch);
      await withTimeout(Promise.all(batch.map((client) => client.synced)), 60_000, 'sockets to sync');
    }
    await delay(SETTLE_MS);
    const after = { rss: rssMb(server.child), heap: await heapUsed(server.port) };
    const added = clients.length - 1;
    return {
      path,
      sockets: clients.length,
      rssKbPerSocket: ((after.rss - before.rss) * 1024) / added,
      heapKbPerSocket: (after.heap - before.heap) / 1024 / added,
    };
  } finally {
    clients.forEach((client) => client.close());
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function renderPackagingReport(startups: readonly StartupResult[], sockets: readonly SocketResult[]): string {
  const lines = [
    '| relay program | start-up to listening (ms, median) | idle RSS (MB, median) |',
    '| --- | --- | --- |',
    ...startups.map(
      (s) =>
        `| ${s.variant === 'compiled' ? 'compiled (`node bin/marginalia-relay.js`)' : 'sources through tsx (before)'} | ${s.startMs.toFixed(0)} | ${s.rssMb.toFixed(1)} |`,
    ),
    '',
    '| upgrade path | sockets | RSS KB per socket | JS heap KB per socket |',
    '| --- | --- | --- | --- |',
    ...sockets.map(
      (s) => `| ${s.path} | ${s.sockets} | ${s.rssKbPerSocket.toFixed(1)} | ${s.heapKbPerSocket.toFixed(1)} |`,
    ),
  ];
  return lines.join('\n');
}

/** The docs/benchmarks.md section: how it was measured, when, on what, and the two tables. */
export function renderPackagingSection(tables: string, runs: number, loads: readonly string[]): string {
  return [
    '## Packaging: start-up, RSS and memory per socket',
    '',
    '`pnpm --filter @marginalia/bench bench:packaging --write` (`apps/bench/src/packaging/`) starts the relay',
    `program ${runs} times each way on an empty SQLite data dir (median of the time from spawn until its port`,
    'accepts a connection, and of its RSS 2 s later), then opens idle synced stock y-websocket clients',
    'against a host process on each of the three ways an upgrade can reach the relay, and reports the',
    'growth of RSS and of the JS heap (after a full GC) per socket past the first. `handleUpgrade` is',
    'what `marginalia-relay serve` and `listenRelay` use; `upgradeHandler` passes the upgrade through a',
    'host hono app mounting the relay under `/collab` (its middleware runs first); `node-server-websocket`',
    "is @hono/node-server's `serve({ websocket })`, which keeps each request's context per socket.",
    '',
    `- **Date:** ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average before / after: ${loads.join(' / ')}`,
    `- **Machine:** ${cpus().length} cores, Node ${process.version}`,
    '',
    tables,
  ].join('\n');
}

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = flag('runs', 5);
  const socketCount = flag('sockets', 1000);
  const loadBefore = loadAverage();
  const startups = [await measureStartup('compiled', runs), await measureStartup('tsx', runs)];
  const sockets: SocketResult[] = [];
  for (const path of SOCKET_PATHS) {
    console.error(`measuring ${path}`);
    sockets.push(await measureSockets(path, socketCount));
  }
  const tables = renderPackagingReport(startups, sockets);
  console.log(tables);
  if (process.argv.includes('--write')) {
    const section = renderPackagingSection(tables, runs, [loadBefore, loadAverage()]);
    writeFileSync(benchmarksFile, replaceSection(readFileSync(benchmarksFile, 'utf8'), 'packaging', section));
    console.log(`wrote ${benchmarksFile}`);
  }
}
