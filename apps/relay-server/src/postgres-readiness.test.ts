import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { startRelayProcess, type RelayProcess } from '@marginalia/testkit';

// /readyz of the real relay process on real PostgreSQL tells whether the store can write: the
// store's write check commits a row (and deletes it) at most once a second. Another session
// holding the updates table makes it fail with PostgreSQL's reason, while /healthz goes on; once
// the lock is released /readyz is 200 again and writes are stored.

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
