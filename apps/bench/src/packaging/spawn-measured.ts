/** Spawns one server process and measures how long it takes to answer, and its RSS once idle. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readMemory } from '../proc-stats.js';
import { findFreePort, waitForPort } from '../servers/free-port.js';

export interface SpawnedServer {
  readonly child: ChildProcess;
  readonly port: number;
  /** Milliseconds from spawn until the port accepted a TCP connection. */
  readonly startMs: number;
  stop(): Promise<void>;
}

export interface SpawnSpec {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

export async function spawnMeasured(spec: (port: number) => SpawnSpec): Promise<SpawnedServer> {
  const port = await findFreePort();
  const { args, cwd, env } = spec(port);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => (exited = true));
  await waitForPort(port, 30_000, () => !exited);
  const startMs = performance.now() - started;
  return {
    child,
    port,
    startMs,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}

export function rssMb(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('no pid');
  return readMemory(child.pid).rss / 2 ** 20;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
