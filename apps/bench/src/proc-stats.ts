/** Readers for /proc/<pid>: CPU time and memory of one process (Linux only). */
import { readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times; 100 on every mainstream Linux build. */
const CLOCK_TICKS = 100;

/** utime + stime of the process in microseconds (resolution 10 ms). */
export function readCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1_000_000) / CLOCK_TICKS;
}

export interface MemoryReading {
  /** Resident set size now, bytes. */
  readonly rss: number;
  /** Peak resident set size (high-water mark), bytes. */
  readonly peakRss: number;
}

export function readMemory(pid: number): MemoryReading {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: readKb(status, 'VmRSS') * 1024, peakRss: readKb(status, 'VmHWM') * 1024 };
}

function readKb(status: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`${key} missing from /proc status`);
  return Number(match[1]);
}
