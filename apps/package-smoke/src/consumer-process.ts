import { spawn, type ChildProcess } from 'node:child_process';

export interface ListeningRelay {
  readonly port: number;
  readonly lines: string[];
  /** SIGTERM to the whole process group (npx and the relay under it); resolves on exit. */
  stop(): Promise<void>;
}

/**
 * Runs `npx marginalia-relay serve ...` in the consumer folder, as an operator would, and waits
 * for its `listening` log line.
 */
export function startInstalledRelay(consumerDir: string, args: readonly string[]): Promise<ListeningRelay> {
  const child = spawn('npx', ['--no-install', 'marginalia-relay', 'serve', ...args], {
    cwd: consumerDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no listening line in 30 s:\n${lines.join('\n')}`)), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      reject(error);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        lines.push(line);
        const parsed = parseJson(line);
        if (parsed?.['msg'] !== 'listening') continue;
        clearTimeout(timer);
        resolve({ port: Number(parsed['port']), lines, stop: () => stopGroup(child) });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk));
    child.once('exit', (code) => fail(new Error(`relay exited ${String(code)}:\n${lines.join('\n')}`)));
  });
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined; // not a JSON log line (npx's own output)
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, signal);
}

function stopGroup(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit'); // the start-up failure handler
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  return exited;
}
