import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { startRelayProcess, type RelayProcess } from '@marginalia/testkit';

// /readyz of the real relay process on real PostgreSQL tells whether the store can write: the
// store's write check commits a row (and deletes it) at most once a second. Another session
// holding the updates table makes it fail with PostgreSQL's reason, while /healthz goes on; once
// the lock is released /readyz is 200 again and writes are stored. A role whose write privileges
// are revoked (a read-only role) gets the same truth: writes refused, /readyz failing, both
// recovering once the privileges are granted again.

const DATABASE_URL = process.env.MARGINALIA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `mg_readyz_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
let relay: RelayProcess;

async function admin<T extends pg.QueryResultRow>(sql: string): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await client.query<T>(sql);
  } finally {
    await client.end();
  }
}

async function readiness(): Promise<{ status: number; body: string }> {
  const response = await fetch(`${relay.url}/readyz`);
  return { status: response.status, body: await response.text() };
}

/** Polls /readyz until `status`; resolves with the answer (rejects after `timeoutMs`). */
async function readinessBecomes(status: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await readiness();
    if (answer.status === status) return answer;
    if (Date.now() > deadline) throw new Error(`readyz stayed ${answer.status}: ${answer.body}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function storeWritable(): Promise<number> {
  const metrics = await (await fetch(`${relay.url}/metrics`)).text();
  return Number(/^marginalia_store_writable (\d+)$/m.exec(metrics)?.[1]);
}

beforeAll(async () => {
  await admin(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`); // also proves PostgreSQL is reachable
  relay = await startRelayProcess({ args: ['--database-url', DATABASE_URL, '--database-schema', SCHEMA] });
}, 30_000);

afterAll(async () => {
  await relay?.stop();
  await admin(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
});

describe('/readyz on PostgreSQL (relay process)', () => {
  it('503 with the reason while another session locks the table, /healthz answering; 200 and writes stored after', async () => {
    expect(await readinessBecomes(200)).toEqual({ status: 200, body: 'ready' });
    expect(await storeWritable()).toBe(1);
    const holder = new pg.Client({ connectionString: DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE "${SCHEMA}".marginalia_updates IN EXCLUSIVE MODE`);
      const failing = await readinessBecomes(503);
      console.info(`readyz while the table is locked: ${failing.status} ${failing.body}`);
      expect(failing.body).toMatch(/^store cannot write: .*lock timeout/);
      expect(await storeWritable()).toBe(0);
      expect(await (await fetch(`${relay.url}/healthz`)).text()).toBe('ok');
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    expect(await readinessBecomes(200)).toEqual({ status: 200, body: 'ready' });
    expect(await storeWritable()).toBe(1);
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'after the lock');
    const posted = await fetch(`${relay.url}/v1/docs/readyz/doc/update`, {
      method: 'POST',
      body: Y.encodeStateAsUpdate(writer) as Uint8Array<ArrayBuffer>,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(posted.status).toBe(200);
    const rows = await admin<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${SCHEMA}".marginalia_updates WHERE doc = 'readyz/doc'`,
    );
    expect(rows.rows).toEqual([{ n: 1 }]);
    // The write checks left nothing behind.
    const checks = await admin<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${SCHEMA}".marginalia_updates WHERE doc = ''`,
    );
    expect(checks.rows).toEqual([{ n: 0 }]);
  }, 60_000);
});

describe('/readyz on PostgreSQL for a role whose write privileges are revoked (relay process)', () => {
  const role = `mg_role_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const schema = `${SCHEMA}_role`;
  const tables = `ALL TABLES IN SCHEMA "${schema}"`;
  let limited: RelayProcess;

  beforeAll(async () => {
    await admin(`CREATE ROLE ${role} LOGIN`);
    await admin(`GRANT CREATE ON DATABASE test TO ${role}`);
    const url = new URL(DATABASE_URL);
    url.username = role;
    limited = await startRelayProcess({ args: ['--database-url', url.href, '--database-schema', schema] });
  }, 30_000);

  afterAll(async () => {
    await limited?.stop();
    await admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin(`REVOKE CREATE ON DATABASE test FROM ${role}`);
    await admin(`DROP ROLE IF EXISTS ${role}`);
  });

  const postText = (text: string) => {
    const writer = new Y.Doc();
    writer.getText('t').insert(0, text);
    return fetch(`${limited.url}/v1/docs/role/doc/update`, {
      method: 'POST',
      body: Y.encodeStateAsUpdate(writer) as Uint8Array<ArrayBuffer>,
      headers: { 'content-type': 'application/octet-stream' },
    });
  };
  const limitedReadiness = async (status: number) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const response = await fetch(`${limited.url}/readyz`);
      const answer = { status: response.status, body: await response.text() };
      if (answer.status === status) return answer;
      if (Date.now() > deadline) throw new Error(`readyz stayed ${answer.status}: ${answer.body}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('writes refused with 500 storage_failed and /readyz 503 "permission denied" while revoked; both recover when granted', async () => {
    expect(await limitedReadiness(200)).toEqual({ status: 200, body: 'ready' });
    expect((await postText('before the revoke')).status).toBe(200);

    await admin(`REVOKE INSERT, UPDATE, DELETE ON ${tables} FROM ${role}`);
    try {
      const refused = await postText('while revoked');
      expect(refused.status).toBe(500);
      expect(await refused.json()).toMatchObject({ error: 'storage_failed' });
      const failing = await limitedReadiness(503);
      console.info(`readyz while the role may not write: ${failing.status} ${failing.body}`);
      expect(failing.body).toMatch(/^store cannot write: .*permission denied/);
      expect(await (await fetch(`${limited.url}/healthz`)).text()).toBe('ok');
    } finally {
      await admin(`GRANT INSERT, UPDATE, DELETE ON ${tables} TO ${role}`);
    }

    expect(await limitedReadiness(200)).toEqual({ status: 200, body: 'ready' });
    expect((await postText('after the grant')).status).toBe(200);
    const stored = await admin<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema}".marginalia_updates WHERE doc = 'role/doc'`,
    );
    expect(stored.rows).toEqual([{ n: 2 }]);
    const served = (await (await fetch(`${limited.url}/v1/docs/role/doc?view=types`)).json()) as { t: string };
    expect(served.t).toContain('before the revoke');
    expect(served.t).toContain('after the grant');
    expect(served.t).not.toContain('while revoked');
  }, 60_000);
});
