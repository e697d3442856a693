import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncUpdate } from '@marginalia/protocol';
import {
  connectRawClient,
  forgeGc,
  startRelayProcess,
  type RawSyncClient,
  type RelayProcess,
} from '@marginalia/testkit';
import { runTokenCommand } from './token-command.js';

// Authorship across two real relay processes on one PostgreSQL database (and Redis): the store's
// record of client id owners decides, whichever process a writer reaches. The services are
// required: this suite fails, never skips.
const DATABASE_URL = process.env.MARGINALIA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.MARGINALIA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const SCHEMA = `mg_authorship_${run}`;
const SECRET = 'authorship-scale-out-secret-at-least-32b';
let relays: RelayProcess[] = [];

async function dropSchema(): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await client.end();
}

async function tokenFor(user: string): Promise<string> {
  let printed = '';
  const code = await runTokenCommand(
    ['--user', user, '--doc', 'team/*'],
    { AUTH_SECRET: SECRET },
    { stdout: (text) => (printed += text), stderr: (text) => void process.stderr.write(text) },
  );
  expect(code).toBe(0);
  return printed.trim();
}

const start = (): Promise<RelayProcess> =>
  startRelayProcess({
    args: ['--database-url', DATABASE_URL, '--database-schema', SCHEMA, '--redis-url', REDIS_URL],
    env: { AUTH_SECRET: SECRET, REDIS_PREFIX: `mg-authorship-${run}:` },
  });

/** A raw connection that asks for acks and has synced once (the relay has loaded the doc). */
async function join(relay: RelayProcess, doc: string, token: string): Promise<RawSyncClient> {
  const raw = await connectRawClient(relay.syncUrl, doc, { acks: true, params: { token } });
  raw.send(encodeSyncStep1(new Uint8Array([0])));
  await raw.nextFrame((frame): frame is Extract<typeof frame, { type: 'sync-step-2' }> => frame.type === 'sync-step-2');
  return raw;
}

/** An update of `text` written as `clientId` (from scratch: its clocks start at 0). */
function written(clientId: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

async function read(relay: RelayProcess, path: string, token: string): Promise<Response> {
  const response = await fetch(`${relay.url}/v1/docs/${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response;
}

beforeAll(async () => {
  await dropSchema();
  relays = [await start(), await start()];
}, 60_000);

afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  await dropSchema();
});

describe('authorship across two relay processes on PostgreSQL', () => {
  it('a relay that loaded the doc before the owner claimed its id (through the other relay) still refuses the forgery', async () => {
    const [a, b] = relays as [RelayProcess, RelayProcess];
    const [ana, mallory] = [await tokenFor('ana'), await tokenFor('mallory')];
    const attacker = await join(b, 'team/stale', mallory); // b holds the doc, knows no owners
    const victim = await join(a, 'team/stale', ana);
    victim.send(encodeSyncUpdate(written(31337, 'ana via relay a')));
    await victim.acked(1);
    attacker.send(encodeSyncUpdate(forgeGc(31337, 15, 100)));
    expect((await attacker.closed).code).toBe(4403);
    const whole = new Uint8Array(await (await read(a, 'team/stale/update', ana)).arrayBuffer());
    const doc = new Y.Doc();
    Y.applyUpdate(doc, whole);
    expect(doc.getText('t').toString()).toBe('ana via relay a');
    expect(Y.getState(doc.store, 31337)).toBe(15);
    victim.close();
  }, 30_000);

  it('two users first-writing the same fresh client id on different relays at once: exactly one is accepted, and only it is stored', async () => {
    const [a, b] = relays as [RelayProcess, RelayProcess];
    const [ana, mallory] = [await tokenFor('ana'), await tokenFor('mallory')];
    for (let round = 0; round < 5; round += 1) {
      const doc = `team/race-${round}`;
      const clientId = 500_000 + round;
      const contenders = [
        { user: 'ana', raw: await join(a, doc, ana) },
        { user: 'mallory', raw: await join(b, doc, mallory) },
      ];
      for (const { user, raw } of contenders) raw.send(encodeSyncUpdate(written(clientId, `by ${user}`)));
      const outcomes = await Promise.all(
        contenders.map(({ raw }) =>
          Promise.race([raw.acked(1, 15_000).then(() => 'accepted' as const), raw.closed.then((info) => info.code)]),
        ),
      );
      expect([...outcomes].sort()).toEqual([4403, 'accepted'].sort());
      const winner = contenders[outcomes.indexOf('accepted')]!.user;
      const owners = (await (await read(a, `${doc}/client-owners`, ana)).json()) as { owners: Record<string, string> };
      expect(owners).toEqual({ owners: { [String(clientId)]: winner } });
      for (const relay of relays) {
        const stored = new Y.Doc();
        Y.applyUpdate(stored, new Uint8Array(await (await read(relay, `${doc}/update`, ana)).arrayBuffer()));
        expect(stored.getText('t').toString()).toBe(`by ${winner}`);
      }
      contenders.forEach(({ raw }) => raw.close());
    }
  }, 60_000);
});
