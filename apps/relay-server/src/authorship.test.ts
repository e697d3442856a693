import {
  connectStockClient,
  createTempDir,
  forgeDeletion,
  forgeGc,
  forgeItems,
  removeTempDir,
  startRelayProcess,
  type RelayProcess,
} from '@marginalia/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncUpdate } from './hostile/frames.js';
import { closeCode, connectRaw } from './hostile/raw-client.js';
import { runTokenCommand } from './token-command.js';

// Authorship against the real relay process with auth on: an attacker with its own write token
// reads the victim's Yjs client id from GET /state-vector and forges items and GC ranges under it
// while the victim is offline. Every forgery is refused (4403 / 403) and nothing of it is stored;
// the victim's offline edits then arrive intact, as a fresh stock client sees.

const SECRET = 'authorship-test-secret-at-least-32-bytes';
const DOC = 'shared/report';
let relay: RelayProcess;
let dataDir: string;

/** A token as `marginalia-relay token --user <user> --doc shared/*` prints it. */
async function tokenFor(user: string): Promise<string> {
  let printed = '';
  const code = await runTokenCommand(
    ['--user', user, '--doc', 'shared/*'],
    { AUTH_SECRET: SECRET },
    { stdout: (text) => (printed += text), stderr: (text) => void process.stderr.write(text) },
  );
  expect(code).toBe(0);
  return printed.trim();
}

const get = async (path: string, token: string): Promise<Response> =>
  fetch(`${relay.url}/v1/docs/${DOC}${path}`, { headers: { authorization: `Bearer ${token}` } });

async function stateVector(token: string): Promise<Map<number, number>> {
  const response = await get('/state-vector', token);
  expect(response.status).toBe(200);
  return Y.decodeStateVector(new Uint8Array(await response.arrayBuffer()));
}

async function wholeDoc(token: string): Promise<Uint8Array> {
  const response = await get('/update', token);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

const textOf = (update: Uint8Array): string => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
};

async function refusals(reason: string): Promise<number> {
  const metrics = await (await fetch(`${relay.url}/metrics`)).text();
  const line = metrics.split('\n').find((l) => l.startsWith(`marginalia_refusals_total{reason="${reason}"}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

/**
 * Polls until the relay's state vector holds `clock` for `client` (a stock client gets no acks),
 * ten times a second: under the relay's HTTP read rate (HTTP_READS_PER_SECOND, 20 by default).
 */
async function storedUpTo(token: string, client: number, clock: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await stateVector(token)).get(client) !== clock) {
    if (Date.now() > deadline) throw new Error(`the relay never held clock ${clock} of client ${client}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends one forged update over an attacker's socket; resolves with the close code. */
async function forgeOverSocket(token: string, update: Uint8Array): Promise<number> {
  const { ws, status } = await connectRaw(`${relay.syncUrl}/${DOC}?token=${token}`);
  if (ws === undefined) throw new Error(`upgrade refused with ${status}`);
  const closed = closeCode(ws);
  ws.send(syncUpdate(update));
  return closed;
}

const forgePost = (token: string, update: Uint8Array): Promise<Response> =>
  fetch(`${relay.url}/v1/docs/${DOC}/update`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: update as Uint8Array<ArrayBuffer>,
  });

beforeAll(async () => {
  dataDir = createTempDir('marginalia-authorship-');
  relay = await startRelayProcess({ dataDir, env: { AUTH_SECRET: SECRET } });
}, 30_000);

afterAll(async () => {
  await relay?.stop();
  removeTempDir(dataDir);
});

describe('authorship (real relay process, auth on)', () => {
  it("forged items and GC ranges under the victim's client id are refused and never stored; the victim's offline edits arrive intact", async () => {
    const [ana, mallory] = [await tokenFor('ana'), await tokenFor('mallory')];
    const victim = connectStockClient(relay.syncUrl, DOC, { params: { token: ana } });
    await victim.synced();
    const text = victim.doc.getText('t');
    text.insert(0, 'Ana: the numbers are final.');
    const victimId = victim.doc.clientID;
    await storedUpTo(mallory, victimId, Y.getState(victim.doc.store, victimId));

    // The victim goes offline and keeps writing.
    victim.provider.disconnect();
    await victim.disconnected();
    text.insert(text.length, ' Offline: and signed off.');

    // The attacker reads the victim's client id and next clock from the state vector.
    const seen = await stateVector(mallory);
    expect([...seen.keys()]).toEqual([victimId]);
    const next = seen.get(victimId)!;
    const before = await wholeDoc(mallory);
    const refusedBefore = await refusals('foreign_client_id');

    const forgedItems = forgeItems(before, victimId, (doc) => doc.getText('t').insert(0, 'FORGED '));
    const forgedGc = forgeGc(victimId, next, 100);
    const forgedFutureDeletion = forgeDeletion(victimId, next, 100);
    expect(await forgeOverSocket(mallory, forgedItems)).toBe(4403);
    expect(await forgeOverSocket(mallory, forgedGc)).toBe(4403);
    expect(await forgeOverSocket(mallory, forgedFutureDeletion)).toBe(4403);
    const posted = await forgePost(mallory, forgedGc);
    expect(posted.status).toBe(403);
    expect(await posted.json()).toMatchObject({ error: 'foreign_client_id' });
    expect(await refusals('foreign_client_id')).toBe(refusedBefore + 4);

    // Nothing of it is stored: the same state, the same bytes, the victim alone owns its id.
    expect(await stateVector(mallory)).toEqual(seen);
    expect(await wholeDoc(mallory)).toEqual(before);
    const owners = await (await get('/client-owners', mallory)).json();
    expect(owners).toEqual({ owners: { [String(victimId)]: 'ana' } });

    // The victim comes back; its offline edits reach the relay and a fresh stock client.
    victim.provider.connect();
    await storedUpTo(mallory, victimId, Y.getState(victim.doc.store, victimId));
    const reader = connectStockClient(relay.syncUrl, DOC, { params: { token: mallory } });
    await reader.synced();
    await reader.until(() => reader.doc.getText('t').toString() === text.toString());
    expect(reader.doc.getText('t').toString()).toBe('Ana: the numbers are final. Offline: and signed off.');
    expect(textOf(await wholeDoc(mallory))).toBe(text.toString());
    reader.destroy();
    victim.destroy();
  }, 30_000);

  it("the owner record is durable: after a restart the forgery is still refused, and deleting the victim's text stays an ordinary edit", async () => {
    const [ana, mallory] = [await tokenFor('ana'), await tokenFor('mallory')];
    const victim = connectStockClient(relay.syncUrl, 'shared/durable', { params: { token: ana } });
    await victim.synced();
    victim.doc.getText('t').insert(0, 'written by ana');
    const victimId = victim.doc.clientID;
    const docPath = (path: string) => `${relay.url}/v1/docs/shared/durable${path}`;
    const clockOf = async (): Promise<number | undefined> => {
      const response = await fetch(docPath('/state-vector'), { headers: { authorization: `Bearer ${mallory}` } });
      return Y.decodeStateVector(new Uint8Array(await response.arrayBuffer())).get(victimId);
    };
    const deadline = Date.now() + 10_000;
    while ((await clockOf()) !== 14 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await clockOf()).toBe(14);
    victim.destroy();

    await relay.stop();
    relay = await startRelayProcess({ dataDir, env: { AUTH_SECRET: SECRET } });
    const { ws } = await connectRaw(`${relay.syncUrl}/shared/durable?token=${mallory}`);
    const closed = closeCode(ws!);
    ws!.send(syncUpdate(forgeGc(victimId, 14, 10)));
    expect(await closed).toBe(4403);

    // Mallory deletes part of Ana's text under Mallory's own client id: allowed, stored.
    const attacker = connectStockClient(relay.syncUrl, 'shared/durable', { params: { token: mallory } });
    await attacker.synced();
    attacker.doc.getText('t').delete(0, 11);
    const reader = connectStockClient(relay.syncUrl, 'shared/durable', { params: { token: ana } });
    await reader.synced();
    await reader.until(() => reader.doc.getText('t').toString() === 'ana');
    attacker.destroy();
    reader.destroy();
  }, 40_000);
});
