import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTempDir, removeTempDir, startRelayProcess, type RelayProcess } from '@marginalia/testkit';
import { startHealthProbe } from './hostile/health-probe.js';

// HTTP reads of a large document against the real relay process: each version is encoded once
// however many requests read it, /healthz keeps answering, and reads are rate-limited per address.

const READ_BURST = 40;
let relay: RelayProcess;
let dataDir: string;
const big = new Y.Doc();

const post = (update: Uint8Array) =>
  fetch(`${relay.url}/v1/docs/big/doc/update`, {
    method: 'POST',
    body: update as Uint8Array<ArrayBuffer>,
    headers: { 'content-type': 'application/octet-stream' },
  });

/** A read from `address` (the relay trusts 127.0.0.1 as a proxy, so X-Forwarded-For names the client). */
const read = (path: string, address: string) =>
  fetch(`${relay.url}/v1/docs/big/doc${path}`, { headers: { 'x-forwarded-for': address } });

async function docReads(view: string, cache: 'hit' | 'miss'): Promise<number> {
  const metrics = await (await fetch(`${relay.url}/metrics`)).text();
  const line = new RegExp(`^marginalia_doc_reads_total\\{view="${view}",cache="${cache}"\\} (\\d+)$`, 'm').exec(
    metrics,
  );
  return line === null ? 0 : Number(line[1]);
}

async function refusals(reason: string): Promise<number> {
  const metrics = await (await fetch(`${relay.url}/metrics`)).text();
  const line = new RegExp(`^marginalia_refusals_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(metrics);
  return line === null ? 0 : Number(line[1]);
}

beforeAll(async () => {
  dataDir = createTempDir('marginalia-http-reads-');
  relay = await startRelayProcess({
    dataDir,
    env: { HTTP_READS_PER_SECOND: '5', HTTP_READ_BURST: String(READ_BURST), TRUSTED_PROXIES: '127.0.0.1' },
  });
  // ~2 MB in two POSTs (each under MAX_FRAME_BYTES), in 4 kB pieces: a real document's shape.
  for (let part = 0; part < 2; part++) {
    const before = Y.encodeStateVector(big);
    for (let i = 0; i < 250; i++) big.getText('t').insert(big.getText('t').length, `${part}:${i}:`.padEnd(4000, 'x'));
    for (let i = 0; i < 500; i++) big.getMap('m').set(`k${part}-${i}`, `v${i}`.repeat(20));
    expect((await post(Y.encodeStateAsUpdate(big, before))).status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await relay?.stop();
  removeTempDir(dataDir);
});

describe('HTTP reads of a ~2 MB document (relay process)', () => {
  it('ten concurrent GETs of each view: one encoding per view and version, /healthz answering throughout', async () => {
    const probe = startHealthProbe(relay.url);
    await probe.ready;
    const started = performance.now();
    const [updates, types] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, (_, i) => read('/update', `10.0.1.${i}`))),
      Promise.all(Array.from({ length: 10 }, (_, i) => read('?view=types', `10.0.2.${i}`))),
    ]);
    const bodies = await Promise.all(updates.map(async (r) => new Uint8Array(await r.arrayBuffer())));
    const texts = await Promise.all(types.map((r) => r.text()));
    const elapsed = performance.now() - started;
    const report = await probe.stop();
    console.info(
      `20 concurrent GETs of a ${(bodies[0]!.byteLength / 1e6).toFixed(2)} MB document: ${elapsed.toFixed(0)} ms; ` +
        `/healthz ${report.samples} answers, median ${report.medianMs.toFixed(1)} ms, max ${report.maxMs.toFixed(1)} ms`,
    );
    expect([...updates, ...types].map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(bodies[0]!.byteLength).toBeGreaterThan(1_900_000);
    for (const body of bodies) expect(Buffer.from(body).equals(bodies[0]!)).toBe(true); // toEqual on 2 MB is slow
    expect(new Set(texts).size).toBe(1);
    const served = new Y.Doc();
    Y.applyUpdate(served, bodies[0]!);
    expect(served.getText('t').toString()).toBe(big.getText('t').toString());
    expect(JSON.parse(texts[0]!)).toEqual({ t: big.getText('t').toString(), m: big.getMap('m').toJSON() });
    expect([await docReads('update', 'miss'), await docReads('update', 'hit')]).toEqual([1, 9]);
    expect([await docReads('types', 'miss'), await docReads('types', 'hit')]).toEqual([1, 9]);
    expect(report.failures).toEqual([]);
    expect(report.maxMs).toBeLessThan(1000); // generous: the mechanism, not the speed (see benchmarks)
  }, 60_000);

  it('a change makes a new version: the next read encodes it once, and shows it', async () => {
    const before = Y.encodeStateVector(big);
    big.getText('t').insert(0, 'changed ');
    expect((await post(Y.encodeStateAsUpdate(big, before))).status).toBe(200);
    const misses = await docReads('types', 'miss');
    const [first, second] = await Promise.all([read('?view=types', '10.0.3.1'), read('?view=types', '10.0.3.2')]);
    expect(((await first.json()) as { t: string }).t.startsWith('changed ')).toBe(true);
    expect(await second.text()).toContain('"t":"changed ');
    expect(await docReads('types', 'miss')).toBe(misses + 1);
  }, 30_000);

  it('diffs (?since=) are encoded once per version and state vector, at most 16 of them kept per version', async () => {
    // A client that is caught up (as an HTTP fallback client polling), and one that has none of it.
    const half = new Y.Doc();
    Y.applyUpdate(half, Y.encodeStateAsUpdate(big));
    const since = (sv: Uint8Array) => Buffer.from(sv).toString('base64url');
    const early = new Y.Doc();
    early.getText('t').insert(0, 'unrelated'); // its own client id: a state vector the document never had
    const vectors = [Y.encodeStateVector(half), Y.encodeStateVector(early)];
    const misses = await docReads('update_since', 'miss');
    const hits = await docReads('update_since', 'hit');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => read(`/update?since=${since(vectors[i % 2]!)}`, `10.0.4.${i}`)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    const bodies = await Promise.all(answers.map(async (r) => Buffer.from(await r.arrayBuffer())));
    for (let i = 2; i < 10; i++) expect(bodies[i]!.equals(bodies[i % 2]!)).toBe(true);
    const caughtUp = new Y.Doc();
    Y.applyUpdate(caughtUp, bodies[1]!);
    expect(caughtUp.getText('t').toString()).toBe(big.getText('t').toString());
    expect([(await docReads('update_since', 'miss')) - misses, (await docReads('update_since', 'hit')) - hits]).toEqual(
      [2, 8],
    );
    // Many distinct state vectors: each is encoded (the read rate bounds them), 16 per version are
    // kept (two of them taken above), so the second round encodes the 6 that were not.
    const distinct = Array.from({ length: 20 }, (_, i) => {
      const doc = new Y.Doc();
      doc.clientID = 5_000_000 + i;
      doc.getText('t').insert(0, 'x');
      return since(Y.encodeStateVector(doc));
    });
    const before = await docReads('update_since', 'miss');
    for (const round of [0, 1]) {
      const statuses = await Promise.all(
        distinct.map((sv, i) => read(`/update?since=${sv}`, `10.0.5.${round * 20 + i}`)),
      );
      expect(statuses.map((r) => r.status)).toEqual(Array(20).fill(200));
    }
    console.info(
      `40 reads of 20 distinct state vectors: ${(await docReads('update_since', 'miss')) - before} encodings`,
    );
    expect((await docReads('update_since', 'miss')) - before).toBe(20 + (20 - (16 - 2)));
  }, 60_000);

  it('reads past HTTP_READ_BURST from one address get 429 with Retry-After; another address is served', async () => {
    const before = await refusals('http_read_rate');
    const answers = await Promise.all(Array.from({ length: READ_BURST + 20 }, () => read('/state-vector', '10.9.9.9')));
    const limited = answers.filter((r) => r.status === 429);
    console.info(`${answers.length} reads from one address: ${limited.length} got 429`);
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(READ_BURST);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await r.json()).toMatchObject({ error: 'http_read_rate' });
    }
    expect(await refusals('http_read_rate')).toBe(before + limited.length);
    expect((await read('/state-vector', '10.9.9.10')).status).toBe(200);
  }, 30_000);
});
