import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docFromUpdates } from '@marginalia/testkit';
import { createSqliteStore } from './sqlite-store.js';

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, 'fixtures', 'append-until-killed.ts');
const ACKS_BEFORE_KILL = 40;

/** Resolves with the appended ids the child acknowledged once it has printed `count` of them. */
function acknowledgements(child: ChildProcess, count: number, timeoutMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const ids: number[] = [];
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => reject(new Error(`child acknowledged ${ids.length} appends\n${stderr}`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited early (${String(code)})\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^appended (\d+) (\d+)$/.exec(line);
      if (match === null) return;
      ids.push(Number(match[2]));
      if (ids.length === count) {
        clearTimeout(timer);
        resolve(ids);
      }
    });
  });
}

function killed(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode);
    else child.once('exit', (_code, signal) => resolve(signal));
  });
}

describe('SQLite store after SIGKILL', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'marginalia-crash-'));
  });
  afterEach(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    it(`keeps every acknowledged append (synchronous=${synchronous})`, { timeout: 30_000 }, async () => {
      const path = join(dir, 'relay.db');
      child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, synchronous], {
        cwd: here,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const acked = await acknowledgements(child, ACKS_BEFORE_KILL, 20_000);
      child.kill('SIGKILL');
      expect(await killed(child)).toBe('SIGKILL');

      const store = createSqliteStore({ path });
      const rows = await store.load('crash');
      await store.close();
      const ids = rows.map((row) => row.id);
      for (const id of acked) expect(ids).toContain(id);
      const doc = docFromUpdates(rows.map((row) => row.update));
      expect(doc.store.pendingStructs).toBeNull();
      const entries = doc.getMap('entries');
      for (let n = 0; n < ACKS_BEFORE_KILL; n += 2) expect(entries.get(`k${n}`)).toBe(n);
      for (let n = 1; n < ACKS_BEFORE_KILL; n += 2) expect(doc.getText('text').toString()).toContain(`<${n}>`);
    });
  }
});
