/** Spawns client worker processes (pinned to the load core) and runs phases on them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoopReport, PhaseReply, PhaseRequest } from './phases.js';

const entry = fileURLToPath(new URL('./worker-main.ts', import.meta.url));

export interface WorkerPool {
  readonly size: number;
  /** Runs a phase on every worker; `args(i)` gives worker i its arguments. Results in worker order. */
  all<T>(phase: string, args?: (index: number) => unknown): Promise<T[]>;
  /** Runs a phase on one worker. */
  one<T>(index: number, phase: string, args?: unknown): Promise<T>;
  resetLoops(): Promise<void>;
  readLoops(): Promise<LoopReport[]>;
  close(): Promise<void>;
}

export async function createWorkerPool(workload: string, size: number, prefix: readonly string[]): Promise<WorkerPool> {
  const workers = Array.from({ length: size }, () => startWorker(workload, prefix));
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  for (const worker of workers) {
    worker.on('message', (reply: PhaseReply) => {
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.ok) waiter?.resolve(reply.result);
      else waiter?.reject(new Error(`worker failed: ${reply.error}`));
    });
    worker.on('exit', (code) => {
      for (const waiter of pending.values()) waiter.reject(new Error(`worker exited with ${code}`));
      pending.clear();
    });
  }
  const one = <T>(index: number, phase: string, args?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const request: PhaseRequest = { id: nextId++, phase, args };
      pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
      workers[index]?.send(request);
    });
  const all = <T>(phase: string, args?: (index: number) => unknown) =>
    Promise.all(workers.map((_worker, index) => one<T>(index, phase, args?.(index))));
  return {
    size,
    all,
    one,
    resetLoops: async () => void (await all('loop-reset')),
    readLoops: () => all<LoopReport>('loop-read'),
    close: () => Promise.all(workers.map(stopWorker)).then(() => undefined),
  };
}

function startWorker(workload: string, prefix: readonly string[]): ChildProcess {
  const [command, ...args] = [...prefix, process.execPath, '--import', 'tsx', entry, workload];
  return spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
}

function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.kill('SIGTERM');
  });
}
