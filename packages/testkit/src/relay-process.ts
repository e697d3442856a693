import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitUntil, withTimeout } from '@marginalia/conformance';

/**
 * The relay program's compiled entry point (apps/relay-server/dist, what the `marginalia-relay` bin
 * runs): tests start the program users run, so `pnpm test` builds first (`tsc -b`); after editing
 * sources, run `pnpm build` before running Vitest directly. Resolved from a path string, not
 * `new URL(...)`: under happy-dom the global URL is not one node:url accepts, and importing the testkit
 * there (for its seeded randomness) must not throw.
 */
export const RELAY_MAIN = resolve(fileURLToPath(import.meta.url), '../../../../apps/relay-server/dist/main.js');

export interface RelayProcessOptions {
  /** Reused across restarts to keep the documents; a new temp dir by default. */
  readonly dataDir?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Extra flags for `serve`, e.g. `['--compact-rows', '10']`. Without `--static-dir`, `--no-static` is added. */
  readonly args?: readonly string[];
  /** Extra environment variables (the parent's env is passed too, without PORT/HOST/DATA_DIR). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for the `listening` log line. Default 20 s. */
  readonly startTimeoutMs?: number;
}

/** One JSON log line of the relay. */
export type RelayLogLine = Record<string, unknown> & { readonly msg?: string; readonly level?: string };

export interface RelayProcess {
  readonly pid: number;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `ws://127.0.0.1:<port>/v1/sync`: the `serverUrl` of a WebsocketProvider. */
  readonly syncUrl: string;
  readonly dataDir: string;
  /** Every parsed JSON log line so far (stdout). */
  readonly logs: readonly RelayLogLine[];
  /** Raw stderr so far. */
  stderr(): string;
  /** Resolves with the first log line (past or future) matching `match`. */
  waitForLog(match: (line: RelayLogLine) => boolean, timeoutMs?: number): Promise<RelayLogLine>;
  /** Sends SIGTERM (or SIGINT) and resolves with the exit code. */
  stop(signal?: 'SIGTERM' | 'SIGINT', timeoutMs?: number): Promise<number | null>;
  /** SIGKILL: no flush, no goodbye. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** Whether the process is still running. */
  running(): boolean;
}

/** Starts `marginalia-relay serve` as a real child process and waits for its `listening` line. */
export async function startRelayProcess(options: RelayProcessOptions = {}): Promise<RelayProcess> {
  const dataDir = options.dataDir ?? createTempDir('marginalia-relay-');
  if (!existsSync(RELAY_MAIN)) throw new Error(`${RELAY_MAIN} is missing: run \`pnpm build\` first`);
  // The relay runs in this one child process, so SIGKILL reaches the relay itself.
  const args = [RELAY_MAIN, 'serve', '--port', String(options.port ?? 0), '--host', '127.0.0.1'];
  const extra = options.args ?? [];
  args.push('--data-dir', dataDir, ...(extra.includes('--static-dir') ? [] : ['--no-static']), ...extra);
  const { PORT: _port, HOST: _host, DATA_DIR: _dir, ...parentEnv } = process.env;
  const child = spawn(process.execPath, args, {
    env: { ...parentEnv, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state = observe(child);
  try {
    const ready = await waitForLine(state, (line) => line.msg === 'listening', options.startTimeoutMs ?? 20_000);
    const port = Number(ready.port);
    return handle(child, state, port, dataDir);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`relay did not start: ${error instanceof Error ? error.message : String(error)}\n${state.stderr}`, {
      cause: error,
    });
  }
}

/** A fresh temporary directory; remove it with `removeTempDir`. */
export function createTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

interface ProcessState {
  readonly lines: RelayLogLine[];
  stderr: string;
  exited: boolean;
  exitCode: number | null;
  readonly listeners: Set<() => void>;
}

function observe(child: ChildProcess): ProcessState {
  const state: ProcessState = { lines: [], stderr: '', exited: false, exitCode: null, listeners: new Set() };
  const notify = (): void => state.listeners.forEach((listener) => listener());
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) if (part.trim() !== '') state.lines.push(parseLine(part));
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    state.stderr += chunk;
  });
  child.on('exit', (code) => {
    state.exited = true;
    state.exitCode = code;
    notify();
  });
  return state;
}

function parseLine(text: string): RelayLogLine {
  try {
    return JSON.parse(text) as RelayLogLine;
  } catch (error) {
    return { msg: 'unparsed', text, error: String(error) };
  }
}

function subscribeTo(state: ProcessState) {
  return (onEvent: () => void) => {
    state.listeners.add(onEvent);
    return () => void state.listeners.delete(onEvent);
  };
}

async function waitForLine(state: ProcessState, match: (line: RelayLogLine) => boolean, timeoutMs: number) {
  let found: RelayLogLine | undefined;
  const check = (): boolean => {
    found ??= state.lines.find(match);
    return found !== undefined || state.exited;
  };
  await waitUntil(check, subscribeTo(state), { timeoutMs, what: 'a relay log line' });
  if (found === undefined) throw new Error(`relay exited with ${state.exitCode} before the log line`);
  return found;
}

function handle(child: ChildProcess, state: ProcessState, port: number, dataDir: string): RelayProcess {
  const exited = (timeoutMs: number) =>
    waitUntil(() => state.exited, subscribeTo(state), { timeoutMs, what: 'the relay to exit' });
  return {
    pid: child.pid ?? -1,
    port,
    url: `http://127.0.0.1:${port}`,
    syncUrl: `ws://127.0.0.1:${port}/v1/sync`,
    dataDir,
    logs: state.lines,
    stderr: () => state.stderr,
    waitForLog: (match, timeoutMs = 10_000) => waitForLine(state, match, timeoutMs),
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (!state.exited) child.kill(signal);
      await withTimeout(exited(timeoutMs), timeoutMs + 1000, 'the relay to stop');
      return state.exitCode;
    },
    async kill() {
      if (!state.exited) child.kill('SIGKILL');
      await exited(10_000);
    },
    running: () => !state.exited,
  };
}
