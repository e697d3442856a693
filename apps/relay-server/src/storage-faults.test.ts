import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncUpdate } from '@marginalia/protocol';
import {
  connectRawClient,
  createTempDir,
  removeTempDir,
  startRelayProcess,
  type RawSyncClient,
  type RelayProcess,
} from '@marginalia/testkit';
import { holdWriteLock } from './fixtures/lock-holder.js';
import { DATABASE_FILE } from './open-backends.js';

// Storage faults of the real relay process on real SQLite files: what /readyz says, what the
// writes' acks do, and that /healthz keeps answering while the database cannot be written.

const post = (relay: RelayProcess, doc: string, update: Uint8Array): Promise<Response> =>
  fetch(`${relay.url}/v1/docs/${doc}/update`, {
    method: 'POST',
    body: update as Uint8Array<ArrayBuffer>,
    headers: { 'content-type': 'application/octet-stream' },
  });

const textUpdate = (text: string): Uint8Array => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
};

async function readiness(relay: RelayProcess): Promise<{ status: number; body: string }> {
  const response = await fetch(`${relay.url}/readyz`);
  return { status: response.status, body: await response.text() };
}

/** Polls /readyz until `status`; resolves with the last answer (rejects after `timeoutMs`). */
async function readinessBecomes(relay: RelayProcess, status: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await readiness(relay);
    if (answer.status === status) return answer;
    if (Date.now() > deadline) throw new Error(`readyz stayed ${answer.status}: ${answer.body}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function storeWritable(relay: RelayProcess): Promise<number> {
  const metrics = await (await fetch(`${relay.url}/metrics`)).text();
  return Number(/^marginalia_store_writable (\d+)$/m.exec(metrics)?.[1]);
}

/** /healthz answer times (ms) while `during` runs, one request after another. */
async function healthzTimes(relay: RelayProcess, during: Promise<unknown>): Promise<number[]> {
  let done = false;
  void during.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${relay.url}/healthz`);
    expect(await response.text()).toBe('ok');
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times;
}

describe('storage faults of the relay process (SQLite)', () => {
  const running: RelayProcess[] = [];
  const dirs: string[] = [];
  const sockets: RawSyncClient[] = [];
  const start = async (dataDir: string): Promise<RelayProcess> => {
    const relay = await startRelayProcess({ dataDir });
    running.push(relay);
    return relay;
  };
  const tempDir = (prefix: string): string => {
    const dir = createTempDir(prefix);
    dirs.push(dir);
    return dir;
  };

  afterEach(async () => {
    sockets.splice(0).forEach((socket) => socket.close());
    await Promise.all(running.splice(0).flatMap((relay) => (relay.running() ? [relay.kill()] : [])));
    dirs.splice(0).forEach(removeTempDir);
  });

  it('refuses to start when the database file is missing beside its -wal, and leaves the WAL as it was', async () => {
    const dataDir = tempDir('marginalia-orphan-wal-');
    const relay = await start(dataDir);
    expect((await post(relay, 'kept/doc', textUpdate('committed before the crash'))).status).toBe(200);
    await relay.kill(); // no checkpoint: the committed rows are only in the -wal file
    const database = join(dataDir, DATABASE_FILE);
    const wal = readFileSync(`${database}-wal`);
    expect(wal.byteLength).toBeGreaterThan(0);
    rmSync(database);

    const failure = await startRelayProcess({ dataDir, startTimeoutMs: 15_000 }).then(
      (started) => (running.push(started), 'started'),
      (error: unknown) => String(error),
    );
    expect(failure).toContain(`${database}-wal`);
    expect(failure).toContain('is missing');
    console.info(`start refused: ${failure.split('\n').find((line) => line.includes('fatal'))}`);
    expect(existsSync(database)).toBe(false);
    expect(readFileSync(`${database}-wal`)).toEqual(wal);
  }, 60_000);

  // Running as root, chmod does not stop writes, and no small file system can be mounted here:
  // the fault is RLIMIT_FSIZE set on the running relay with prlimit. Every write past the first
  // 4 KiB of any file fails (EFBIG; Node ignores SIGXFSZ), as on a full disk: the WAL cannot grow.
  it('fails /readyz with the reason while writes fail (file size limit), and recovers when they work', async () => {
    const relay = await start(tempDir('marginalia-fsize-'));
    expect((await post(relay, 'full/doc', textUpdate('before'))).status).toBe(200);
    expect(await readiness(relay)).toEqual({ status: 200, body: 'ready' });
    expect(await storeWritable(relay)).toBe(1);

    execFileSync('prlimit', ['--pid', String(relay.pid), '--fsize=4096:unlimited']);
    try {
      const refused = await post(relay, 'full/doc', textUpdate('x'.repeat(20_000)));
      expect(refused.status).toBe(500);
      expect(await refused.json()).toMatchObject({ error: 'storage_failed' });
      const failing = await readinessBecomes(relay, 503);
      console.info(`readyz while writes fail: ${failing.status} ${failing.body}`);
      expect(failing.body).toMatch(/^store cannot write: .*disk I\/O error/);
      expect(await storeWritable(relay)).toBe(0);
      expect(await (await fetch(`${relay.url}/healthz`)).text()).toBe('ok');
    } finally {
      execFileSync('prlimit', ['--pid', String(relay.pid), '--fsize=unlimited:unlimited']);
    }

    expect(await readinessBecomes(relay, 200)).toEqual({ status: 200, body: 'ready' });
    expect(await storeWritable(relay)).toBe(1);
    expect((await post(relay, 'full/doc', textUpdate('after'))).status).toBe(200);
    const text = await (await fetch(`${relay.url}/v1/docs/full/doc?view=types`)).json();
    expect((text as { t: string }).t).toContain('after');
    expect((text as { t: string }).t).toContain('before');
    expect((text as { t: string }).t).not.toContain('xxxx');
  }, 60_000);

  it('keeps answering while another process holds the write lock: acks wait, /readyz says locked, then the write lands', async () => {
    const dataDir = tempDir('marginalia-locked-');
    const relay = await start(dataDir);
    const raw = await connectRawClient(relay.syncUrl, 'locked/doc', { acks: true });
    sockets.push(raw);
    raw.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    const local = new Y.Doc();
    local.on('update', (update: Uint8Array) => raw.send(encodeSyncUpdate(update)));
    local.getMap('m').set('first', 1);
    await raw.acked(1, 10_000);

    const holder = await holdWriteLock(join(dataDir, DATABASE_FILE));
    try {
      local.getMap('m').set('while locked', 2);
      const lockHeld = new Promise((resolve) => setTimeout(resolve, 2000));
      const times = await healthzTimes(relay, lockHeld);
      const locked = await readiness(relay);
      console.info(
        `healthz while locked: ${times.length} answers, max ${Math.max(...times).toFixed(1)} ms; ` +
          `readyz ${locked.status} ${locked.body}`,
      );
      expect(raw.ackedCount()).toBe(1);
      expect(Math.max(...times)).toBeLessThan(1000); // generous: a blocked loop would take the whole busy timeout
      expect(times.length).toBeGreaterThan(10);
      expect(locked.status).toBe(503);
      expect(locked.body).toMatch(/^store cannot write: .*database is locked \(SQLITE_BUSY\)/);
    } finally {
      await holder.release();
    }
    await raw.acked(2, 10_000);
    await readinessBecomes(relay, 200);
    await relay.stop();
    const again = await start(dataDir);
    const update = new Uint8Array(await (await fetch(`${again.url}/v1/docs/locked/doc/update`)).arrayBuffer());
    const stored = new Y.Doc();
    Y.applyUpdate(stored, update);
    expect(stored.getMap('m').toJSON()).toEqual({ first: 1, 'while locked': 2 });
  }, 60_000);
});
