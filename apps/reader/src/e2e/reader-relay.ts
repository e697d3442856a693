import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTempDir, removeTempDir, waitUntil } from '@marginalia/testkit';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The relay as `pnpm start` runs it: `node apps/relay-server/bin/marginalia-relay.js serve` from the
 * repository root, SQLite, serving apps/reader/dist; with a temporary DATA_DIR and a free PORT.
 */
export interface ReaderRelay {
  readonly port: number;
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly dataDir: string;
  /** SIGTERM, resolves when the process has exited. */
  stop(): Promise<void>;
  /** Starts the relay again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stops the relay and removes its data directory. */
  close(): Promise<void>;
}

interface Running {
  readonly child: ChildProcess;
  readonly port: number;
}

function spawnRelay(port: number, dataDir: string): Promise<Running> {
  const { PORT: _p, HOST: _h, DATA_DIR: _d, STATIC_DIR: _s, ...env } = process.env;
  const child = spawn(process.execPath, ['apps/relay-server/bin/marginalia-relay.js', 'serve'], {
    cwd: REPO_ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const listeners = new Set<() => void>();
  const state = { child, port, exited: false, output: [] as string[], listening: 0 };
  const onData = (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      state.output.push(line);
      if (line.includes('"listening"')) {
        const parsed = JSON.parse(line) as { port?: number };
        state.listening = Number(parsed.port ?? port);
      }
    }
    listeners.forEach((l) => l());
  };
  child.stdout?.setEncoding('utf8').on('data', onData);
  child.stderr?.setEncoding('utf8').on('data', onData);
  child.on('exit', () => {
    state.exited = true;
    listeners.forEach((l) => l());
  });
  const subscribe = (fn: () => void) => {
    listeners.add(fn);
    return () => void listeners.delete(fn);
  };
  return waitUntil(() => state.listening > 0 || state.exited, subscribe, {
    timeoutMs: 30_000,
    what: 'the relay to listen',
  }).then(() => {
    if (state.exited) throw new Error(`the relay exited before listening:\n${state.output.join('\n')}`);
    return { child, port: state.listening };
  });
}

function stopRelay(running: Running): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    running.child.once('exit', () => resolve());
    running.child.kill('SIGTERM');
  });
}

/** Starts the relay on a free port with a fresh data directory. */
export async function startReaderRelay(): Promise<ReaderRelay> {
  const dataDir = createTempDir('marginalia-reader-');
  let running: Running | undefined = await spawnRelay(0, dataDir);
  const port = running.port;
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    dataDir,
    async stop() {
      if (running) await stopRelay(running);
      running = undefined;
    },
    async restart() {
      if (running) await stopRelay(running);
      running = await spawnRelay(port, dataDir);
    },
    async close() {
      if (running) await stopRelay(running);
      running = undefined;
      removeTempDir(dataDir);
    },
  };
}
