/** The machine and the versions under test, for the report. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('../..', import.meta.url));

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly kernel: string;
  readonly node: string;
  readonly loadAverage: string;
}

export function describeMachine(): MachineInfo {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    // Not availableParallelism(): that follows this process's CPU affinity, and we pin ourselves.
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

const PACKAGES = [
  '@hocuspocus/server',
  '@hocuspocus/extension-sqlite',
  '@hocuspocus/provider',
  '@y/websocket-server',
  'y-leveldb',
  'y-websocket',
  'yjs',
  'ws',
] as const;

/** Versions of every server and client package, and the Marginalia commit. */
export function describeVersions(): Record<string, string> {
  const versions: Record<string, string> = { 'Marginalia relay (commit)': gitCommit() };
  for (const name of PACKAGES) {
    const json = JSON.parse(readFileSync(`${benchDir}/node_modules/${name}/package.json`, 'utf8')) as {
      version: string;
    };
    versions[name] = json.version;
  }
  return versions;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: benchDir, encoding: 'utf8' }).trim();
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message.split('\n')[0] : 'git failed'})`;
  }
}
