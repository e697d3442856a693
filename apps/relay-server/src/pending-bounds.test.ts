import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncUpdate } from '@marginalia/protocol';
import {
  connectRawClient,
  createTempDir,
  removeTempDir,
  startRelayProcess,
  type RawSyncClient,
  type RelayProcess,
} from '@marginalia/testkit';
import { deletionsOf as deletions } from './hostile/frames.js';

// Pending content (structs and deletions whose dependencies the relay has not seen) against the
// real relay process: a large pending delete set no longer costs every later update, parked
// deletions still apply when their items arrive, and past the bounds everything pending is dropped
// with 413 / 4413 while the document stays usable.

const MAX_PENDING_DELETES = 200_000;
const MAX_PENDING_STRUCTS = 500;
let relay: RelayProcess;
let dataDir: string;
const sockets: RawSyncClient[] = [];

const unknownClients = (count: number, from: number): number[] => Array.from({ length: count }, (_, i) => from + i);

const post = (doc: string, update: Uint8Array) =>
  fetch(`${relay.url}/v1/docs/${doc}/update`, {
    method: 'POST',
    body: update as Uint8Array<ArrayBuffer>,
    headers: { 'content-type': 'application/octet-stream' },
  });

const served = async (doc: string): Promise<Y.Doc> => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, new Uint8Array(await (await fetch(`${relay.url}/v1/docs/${doc}/update`)).arrayBuffer()));
  return copy;
};

async function refusals(reason: string): Promise<number> {
  const metrics = await (await fetch(`${relay.url}/metrics`)).text();
  const line = new RegExp(`^marginalia_refusals_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(metrics);
  return line === null ? 0 : Number(line[1]);
}

/** Pending content lives in the loaded document only: a socket keeps it loaded between POSTs. */
async function keepLoaded(doc: string): Promise<RawSyncClient> {
  const socket = await connectRawClient(relay.syncUrl, doc);
  sockets.push(socket);
  return socket;
}

/** Twenty small POSTs (one character each) from one writer; resolves with the milliseconds they took. */
async function twentyUpdates(doc: string, writer: Y.Doc): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < 20; i++) {
    const before = Y.encodeStateVector(writer);
    writer.getText('t').insert(0, 'x');
    expect((await post(doc, Y.encodeStateAsUpdate(writer, before))).status).toBe(200);
  }
  return performance.now() - started;
}

beforeAll(async () => {
  dataDir = createTempDir('marginalia-pending-');
  relay = await startRelayProcess({
    dataDir,
    env: {
      MAX_PENDING_DELETES_PER_DOC: String(MAX_PENDING_DELETES),
      MAX_PENDING_STRUCTS_PER_DOC: String(MAX_PENDING_STRUCTS),
    },
  });
}, 30_000);

afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await relay?.stop();
  removeTempDir(dataDir);
});

describe('pending structs and deletions (relay process)', () => {
  it('a pending delete set for 150,000 unknown clients does not make every later update pay for it', async () => {
    await keepLoaded('pending/plain');
    await keepLoaded('pending/heavy');
    await twentyUpdates('pending/warm-up', new Y.Doc());
    const plain = await twentyUpdates('pending/plain', new Y.Doc());
    const held = deletions(unknownClients(150_000, 1_000_000));
    expect((await post('pending/heavy', held)).status).toBe(202); // held pending, not stored
    const heavy = await twentyUpdates('pending/heavy', new Y.Doc());
    console.info(
      `20 updates: ${plain.toFixed(0)} ms on a plain document, ${heavy.toFixed(0)} ms beside a ` +
        `${(held.byteLength / 1e3).toFixed(0)} kB pending delete set of 150,000 clients`,
    );
    // Generous: re-applying the delete set on each update made them ~100 times slower.
    expect(heavy).toBeLessThan(plain * 4 + 300);
    expect((await served('pending/heavy')).getText('t').toString()).toBe('x'.repeat(20));
  }, 60_000);

  it('parked deletions still apply when the items they delete arrive', async () => {
    const author = new Y.Doc();
    author.clientID = 4242;
    author.getText('t').insert(0, 'keep-DROP-keep');
    const whole = Y.encodeStateAsUpdate(author);
    const lateAuthor = new Y.Doc();
    Y.applyUpdate(lateAuthor, whole);
    lateAuthor.getText('t').delete(5, 5); // delete "DROP-" (clocks 5..9 of client 4242)
    const onlyTheDeletion = deletions([4242], 5, 5);
    await keepLoaded('pending/late');
    expect((await post('pending/late', onlyTheDeletion)).status).toBe(202);
    expect((await post('pending/late', whole)).status).toBe(200);
    expect((await served('pending/late')).getText('t').toString()).toBe(lateAuthor.getText('t').toString());
    expect(lateAuthor.getText('t').toString()).toBe('keep-keep');
  }, 30_000);

  it('past MAX_PENDING_DELETES_PER_DOC: HTTP 413 and a socket 4413, the pending deletions dropped, the document usable', async () => {
    const writer = new Y.Doc();
    await keepLoaded('pending/over');
    await twentyUpdates('pending/over', writer);
    const before = await refusals('pending_too_many_deletes');
    const over = deletions(unknownClients(MAX_PENDING_DELETES + 1, 2_000_000));
    const response = await post('pending/over', over);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'pending_too_many_deletes' });
    const socket = await connectRawClient(relay.syncUrl, 'pending/over');
    socket.send(encodeSyncUpdate(over));
    expect((await socket.closed).code).toBe(4413);
    expect(await refusals('pending_too_many_deletes')).toBe(before + 2);
    expect(await twentyUpdates('pending/over', writer)).toBeGreaterThan(0);
    expect((await served('pending/over')).getText('t').toString()).toBe('x'.repeat(40));
  }, 60_000);

  it('past MAX_PENDING_STRUCTS_PER_DOC: HTTP 413, the pending structs dropped, the document usable', async () => {
    const author = new Y.Doc();
    author.getText('t').insert(0, 'a');
    const gapAt = Y.encodeStateVector(author);
    for (let i = 0; i < MAX_PENDING_STRUCTS + 10; i++) author.getMap('m').set(`k${i}`, i); // one struct each
    // Everything after the first character, without it: every struct waits for the missing one.
    const afterGap = Y.encodeStateAsUpdate(author, gapAt);
    await keepLoaded('pending/structs');
    const before = await refusals('pending_too_many_structs');
    const response = await post('pending/structs', afterGap);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'pending_too_many_structs' });
    expect(await refusals('pending_too_many_structs')).toBe(before + 1);
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).not.toMatch(/^marginalia_pending_update_bytes\{doc="pending\/structs"\}/m);
    expect(await twentyUpdates('pending/structs', new Y.Doc())).toBeGreaterThan(0);
    expect((await served('pending/structs')).getText('t').toString()).toBe('x'.repeat(20));
  }, 60_000);
});
