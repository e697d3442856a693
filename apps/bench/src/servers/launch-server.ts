/** Starts one server in its own child process on loopback and stops it again. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, waitForPort } from './free-port.js';
import { clientKindOf, isDurable, type Endpoint, type ServerKind } from './server-kind.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// The program's directory, to spawn it as operators do (a process, not an import).
// eslint-disable-next-line marginalia/no-url-into-other-package
const relayServerDir = fileURLToPath(new URL('../../../relay-server', import.meta.url));

/**
 * Limits raised for the load generator only: every client comes from 127.0.0.1 (the default allows
 * 100 connections per IP), the fan-out writer sends 200 updates/s (the default per-connection
 * rate), and the 20,000-highlight doc is a ~3 MB sync step 2 (default frame limit 2 MiB).
 * Storage (SQLite, synchronous=FULL by default) and acks are as shipped.
 */
export const MARGINALIA_LOAD_LIMITS = {
  MAX_CONNECTIONS_PER_IP: '100000',
  MESSAGES_PER_SECOND: '100000',
  MESSAGE_BURST: '100000',
  MAX_FRAME_BYTES: String(64 * 2 ** 20),
  BYTES_PER_SECOND: String(256 * 2 ** 20),
  BYTE_BURST: String(256 * 2 ** 20),
} as const;

export interface LaunchOptions {
  readonly kind: ServerKind;
  /** Command prefix that pins the process, e.g. ['taskset', '-c', '0']. */
  readonly prefix: readonly string[];
  /** Durable servers only: reuse this data directory (to restart on stored data). */
  readonly dataDir?: string;
  /** Write a V8 CPU profile of the server into this directory on exit. */
  readonly cpuProfDir?: string;
}

export interface ServerHandle {
  readonly kind: ServerKind;
  readonly pid: number;
  readonly endpoint: Endpoint;
  /** Durable servers only: the data directory (removed by `close({ keepData: false })`). */
  readonly dataDir: string | undefined;
  /** SIGTERM, wait for exit (SIGKILL after 5 s), remove the temp data dir unless kept. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function launchServer(options: LaunchOptions): Promise<ServerHandle> {
  const port = await findFreePort();
  const dataDir = isDurable(options.kind)
    ? (options.dataDir ?? mkdtempSync(join(tmpdir(), `bench-${options.kind}-`)))
    : undefined;
  const { args, cwd, env } = commandFor(options, port, dataDir);
  const [command, ...rest] = [...options.prefix, process.execPath, ...args];
  const child = spawn(command as string, rest, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => (exited = true));
  await waitForPort(port, 20_000, () => !exited);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.kind} server has no pid`);
  return {
    kind: options.kind,
    pid,
    dataDir,
    endpoint: endpointFor(options.kind, port),
    close: (closeOptions) => stop(child, exit, dataDir, closeOptions?.keepData ?? false),
  };
}

function commandFor(options: LaunchOptions, port: number, dataDir: string | undefined) {
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' };
  const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  if (options.kind === 'marginalia') {
    // Exactly what `pnpm start` runs (node bin/marginalia-relay.js serve), minus pnpm itself.
    return {
      args: [...profile, 'bin/marginalia-relay.js', 'serve'],
      cwd: relayServerDir,
      env: { ...env, ...MARGINALIA_LOAD_LIMITS, DATA_DIR: dataDir as string, LOG_LEVEL: 'warn' },
    };
  }
  const entry = ENTRIES[options.kind];
  // y-websocket's own persistence switch: @y/websocket-server stores every update in LevelDB there.
  const durableEnv =
    options.kind === 'y-websocket-leveldb' ? { YPERSISTENCE: dataDir as string } : dataDir ? { DATA_DIR: dataDir } : {};
  return {
    args: [...profile, '--import', 'tsx', join(here, entry)],
    cwd: here,
    env: { ...env, ...durableEnv },
  };
}

const ENTRIES: Record<Exclude<ServerKind, 'marginalia'>, string> = {
  'y-websocket': 'y-websocket-entry.ts',
  'y-websocket-leveldb': 'y-websocket-entry.ts',
  hocuspocus: 'hocuspocus-entry.ts',
  'hocuspocus-sqlite': 'hocuspocus-sqlite-entry.ts',
  raw: 'raw-relay-entry.ts',
};

function endpointFor(kind: ServerKind, port: number): Endpoint {
  const path = kind === 'marginalia' ? '/v1/sync' : '';
  return {
    server: kind,
    client: clientKindOf(kind),
    baseUrl: `ws://127.0.0.1:${port}${path}`,
    acks: kind === 'marginalia',
  };
}

async function stop(
  child: ChildProcess,
  exit: Promise<void>,
  dataDir: string | undefined,
  keepData: boolean,
): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exit;
    clearTimeout(timer);
  }
  if (dataDir && !keepData) rmSync(dataDir, { recursive: true, force: true });
}
