/** CPU pinning with `taskset`: the server on core 0, the load (client workers) on core 1. */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface Pinning {
  /** Prefix for the server's command line, e.g. ['taskset', '-c', '0']; empty when unavailable. */
  readonly serverPrefix: readonly string[];
  readonly loadPrefix: readonly string[];
  readonly description: string;
}

export function detectPinning(): Pinning {
  if (availableParallelism() < 2 || !hasTaskset()) {
    return { serverPrefix: [], loadPrefix: [], description: 'not pinned (needs taskset and 2 cores)' };
  }
  return {
    serverPrefix: ['taskset', '-c', '0'],
    loadPrefix: ['taskset', '-c', '1'],
    description: 'server pinned to core 0, clients and coordinator to core 1 (taskset)',
  };
}

/** Pins this (coordinator) process to the load core. */
export function pinSelf(pinning: Pinning): void {
  if (pinning.loadPrefix.length === 0) return;
  execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // taskset missing or not permitted: run unpinned and say so in the report.
    return !(error instanceof Error);
  }
}
