import { createTempDir, removeTempDir, startRelayProcess, type RelayProcess } from '@marginalia/testkit';
import { mintToken } from '@marginalia/relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { sampleUpdate, syncUpdate } from './hostile/frames.js';
import { closeClient, connectRaw, nextMessage } from './hostile/raw-client.js';

// Auth against the real relay process: every refusal as specified in docs/operations.md, and
// nothing from a refused client reaches the store.

const SECRET = 'auth-test-secret-that-is-at-least-32-bytes';
const OTHER = 'a-different-secret-that-is-also-32-bytes!!';
let relay: RelayProcess;
let dataDir: string;

const token = (
  options: { docs?: string[]; mode?: 'read' | 'write'; secret?: string; issuedAt?: number; ttl?: number } = {},
) =>
  mintToken({
    secret: options.secret ?? SECRET,
    userId: 'tester',
    docs: options.docs ?? ['band-7/*'],
    mode: options.mode ?? 'write',
    ttlSeconds: options.ttl ?? 600,
    ...(options.issuedAt === undefined ? {} : { issuedAt: options.issuedAt }),
  });

const syncUrl = (doc: string, t?: string) => `${relay.syncUrl}/${doc}${t === undefined ? '' : `?token=${t}`}`;

async function stateVector(doc: string): Promise<number[]> {
  const response = await fetch(`${relay.url}/v1/docs/${doc}/state-vector`, {
    headers: { authorization: `Bearer ${await token({ docs: ['**'] })}` },
  });
  expect(response.status).toBe(200);
  return [...new Uint8Array(await response.arrayBuffer())];
}

function textOf(doc: Y.Doc, expected: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => doc.getText('t').toString() === expected && resolve();
    doc.on('update', check);
    check();
  });
}

beforeAll(async () => {
  dataDir = createTempDir('marginalia-auth-');
  relay = await startRelayProcess({ dataDir, env: { AUTH_SECRET: SECRET } });
}, 30_000);

afterAll(async () => {
  await relay?.stop();
  removeTempDir(dataDir);
});

describe('auth at the WebSocket upgrade (real relay process)', () => {
  it.each([
    ['no token', async () => undefined, 401],
    ['a bad signature', () => token({ secret: OTHER }), 401],
    ['garbage', async () => 'not.a.token', 401],
    ['an expired token', () => token({ issuedAt: Math.floor(Date.now() / 1000) - 7200, ttl: 60 }), 401],
    ['a token for another doc', () => token({ docs: ['band-8/*'] }), 403],
  ])('refuses %s with HTTP %d and stores nothing', async (_name, makeToken, status) => {
    const result = await connectRaw(syncUrl('band-7/refused', await makeToken()));
    expect(result.status).toBe(status);
    expect(await stateVector('band-7/refused')).toEqual([0]);
  });

  it('accepts Authorization: Bearer as well as ?token=', async () => {
    const { ws } = await connectRaw(syncUrl('band-7/bearer'), { authorization: `Bearer ${await token()}` });
    expect(ws?.readyState).toBe(WebSocket.OPEN);
    await closeClient(ws!);
  });

  it('a read-only connection syncs down, its updates get permission-denied and are not stored', async () => {
    const writerDoc = new Y.Doc();
    const common = { WebSocketPolyfill: WebSocket as never, disableBc: true };
    const writer = new WebsocketProvider(relay.syncUrl, 'band-7/setlists', writerDoc, {
      ...common,
      params: { token: await token() },
    });
    writerDoc.getText('t').insert(0, 'from the writer');
    const readerDoc = new Y.Doc();
    const reader = new WebsocketProvider(relay.syncUrl, 'band-7/setlists', readerDoc, {
      ...common,
      params: { token: await token({ mode: 'read' }) },
    });
    await textOf(readerDoc, 'from the writer');

    const { ws } = await connectRaw(syncUrl('band-7/setlists', await token({ mode: 'read' })));
    ws!.send(syncUpdate(sampleUpdate(777, 'sneaky')));
    const denied = await nextMessage(ws!, (bytes) => bytes[0] === 2);
    expect(denied[1]).toBe(0);
    expect(new TextDecoder().decode(denied)).toMatch(/read-only/);
    expect(ws!.readyState).toBe(WebSocket.OPEN);
    await closeClient(ws!);
    writer.destroy();
    reader.destroy();

    const response = await fetch(`${relay.url}/v1/docs/band-7/setlists/update`, {
      headers: { authorization: `Bearer ${await token({ mode: 'read' })}` },
    });
    const stored = new Y.Doc();
    Y.applyUpdate(stored, new Uint8Array(await response.arrayBuffer()));
    expect(stored.getText('t').toString()).toBe('from the writer');
    expect(Y.decodeStateVector(Y.encodeStateVector(stored)).has(777)).toBe(false);
  });
});

describe('auth on /v1/docs (real relay process)', () => {
  it('GET needs a read token, POST a write token; refusals store nothing', async () => {
    const get = async (t?: string) =>
      (
        await fetch(`${relay.url}/v1/docs/band-7/http`, {
          headers: t === undefined ? {} : { authorization: `Bearer ${t}` },
        })
      ).status;
    const post = async (t: string) =>
      (
        await fetch(`${relay.url}/v1/docs/band-7/http/update`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t}` },
          body: sampleUpdate(888) as Uint8Array<ArrayBuffer>,
        })
      ).status;
    expect(await get()).toBe(401);
    expect(await get(await token({ secret: OTHER }))).toBe(401);
    expect(await get(await token({ docs: ['band-8/*'] }))).toBe(403);
    expect(await get(await token({ mode: 'read' }))).toBe(200);
    expect(await post(await token({ mode: 'read' }))).toBe(403);
    expect(await post(await token({ docs: ['elsewhere'] }))).toBe(403);
    expect(await stateVector('band-7/http')).toEqual([0]);
    expect(await post(await token())).toBe(200);
    expect(await stateVector('band-7/http')).not.toEqual([0]);
  });

  it('never writes a token into the logs', async () => {
    const secretToken = await token();
    await connectRaw(syncUrl('band-7/logs', secretToken)).then((r) => r.ws && closeClient(r.ws));
    await connectRaw(syncUrl('band-8/logs', secretToken));
    const logs = JSON.stringify(relay.logs) + relay.stderr();
    expect(logs).toContain('doc_forbidden');
    expect(logs).not.toContain(secretToken);
    expect(logs).not.toContain(secretToken.split('.')[2]);
  });
});

describe('start-up without a secret', () => {
  it('refuses a non-loopback host with a clear message and a non-zero exit', async () => {
    const dir = createTempDir('marginalia-open-');
    try {
      await expect(
        startRelayProcess({ dataDir: dir, args: ['--host', '0.0.0.0'], env: { AUTH_SECRET: '' } }),
      ).rejects.toThrow(/exited with [1-9][\s\S]*refusing to listen on 0\.0\.0\.0 without auth/);
    } finally {
      removeTempDir(dir);
    }
  }, 30_000);

  it('runs open on loopback and says so', async () => {
    const dir = createTempDir('marginalia-open-');
    const open = await startRelayProcess({ dataDir: dir, env: { AUTH_SECRET: '' } });
    try {
      const warning = await open.waitForLog(
        (line) => line.level === 'warn' && String(line.msg).includes('auth is off'),
      );
      expect(warning.msg).toMatch(/loopback/);
      const { ws } = await connectRaw(`${open.syncUrl}/anything`);
      expect(ws?.readyState).toBe(WebSocket.OPEN);
      await closeClient(ws!);
    } finally {
      await open.stop();
      removeTempDir(dir);
    }
  }, 30_000);
});
