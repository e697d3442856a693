import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mintToken } from '@marginalia/relay';
import {
  connectRawClient,
  createTempDir,
  removeTempDir,
  startRelayProcess,
  type RelayProcess,
} from '@marginalia/testkit';
import { sampleUpdate, syncUpdate } from './hostile/frames.js';
import { closeClient, connectRaw } from './hostile/raw-client.js';
import { upgradeStatus } from './hostile/raw-upgrade.js';

// The logs of the real relay process at LOG_LEVEL=debug after requests that carry tokens every
// way a client can send one (?token=, a percent-encoded name, Authorization), accepted and
// refused; then SIGINT: sockets closed with 1001, exit 0. No token may appear anywhere.

const SECRET = 'logs-and-shutdown-secret-at-least-32-bytes';
let relay: RelayProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = createTempDir('marginalia-logs-');
  relay = await startRelayProcess({ dataDir, env: { AUTH_SECRET: SECRET, LOG_LEVEL: 'debug' } });
}, 30_000);

afterAll(async () => {
  if (relay?.running()) await relay.kill();
  removeTempDir(dataDir);
});

const mint = (docs: string[], options: { mode?: 'read' | 'write'; issuedAt?: number } = {}) =>
  mintToken({
    secret: SECRET,
    userId: 'logger',
    docs,
    mode: options.mode ?? 'write',
    ttlSeconds: 60,
    ...(options.issuedAt ? { issuedAt: options.issuedAt } : {}),
  });

describe('logs and shutdown of the relay process', () => {
  it('never logs a token, at debug level, through refusals, errors and a SIGINT shutdown (1001, exit 0)', async () => {
    const good = await mint(['logs/*']);
    const readOnly = await mint(['logs/*'], { mode: 'read' });
    const expired = await mint(['logs/*'], { issuedAt: Math.floor(Date.now() / 1000) - 3600 });
    const tokens = [good, readOnly, expired];
    const sync = (doc: string, query: string) => `${relay.syncUrl}/${doc}?${query}`;

    const writer = await connectRaw(sync('logs/a', `token=${good}`));
    writer.ws!.send(syncUpdate(sampleUpdate()));
    await closeClient(writer.ws!);
    await closeClient((await connectRaw(`${relay.syncUrl}/logs/a`, { authorization: `Bearer ${good}` })).ws!);
    await closeClient((await connectRaw(sync('logs/a', `x=1&%74oken=${readOnly}`))).ws!);
    const refused = [
      await connectRaw(sync('other/doc', `token=${good}`)),
      await connectRaw(`${relay.syncUrl}/other/doc`, { authorization: `Bearer ${good}` }),
      await connectRaw(sync('logs/a', `token=${expired}`)),
      await connectRaw(sync('logs/a', `TOKEN=${good}`)),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 401, 401]);
    expect(await upgradeStatus(relay.port, `/v1/sync/..%2fx?token=${good}`)).toBe(400);
    const auth = { authorization: `Bearer ${good}` };
    expect((await fetch(`${relay.url}/v1/docs/logs/a?token=${good}`)).status).toBe(200);
    expect((await fetch(`${relay.url}/v1/docs/other/doc`, { headers: auth })).status).toBe(403);
    const post = await fetch(`${relay.url}/v1/docs/logs/b/update?token=${readOnly}`, {
      method: 'POST',
      body: sampleUpdate() as Uint8Array<ArrayBuffer>,
    });
    expect(post.status).toBe(403);
    const bad = await fetch(`${relay.url}/v1/docs/logs/b/update`, {
      method: 'POST',
      headers: auth,
      body: new Uint8Array([1, 2, 3]),
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${relay.url}/nowhere?token=${good}`, { headers: auth })).status).toBe(404);

    const open = await connectRawClient(relay.syncUrl, 'logs/open', { params: { token: good } });
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 'v');
    open.send(syncUpdate(Y.encodeStateAsUpdate(doc)));
    expect(await relay.stop('SIGINT')).toBe(0);
    expect((await open.closed).code).toBe(1001);

    expect(relay.logs.filter((line) => line.msg === 'unparsed')).toEqual([]);
    expect(relay.logs.some((line) => line.level === 'debug' && line.msg === 'connection opened')).toBe(true);
    expect(relay.logs.find((line) => line.msg === 'shutting down')).toMatchObject({ signal: 'SIGINT' });
    expect(relay.logs.at(-1)).toMatchObject({ msg: 'stopped' });
    const refusals = relay.logs.filter((line) => line.msg === 'upgrade refused').map((line) => String(line.path));
    expect(refusals).toContain('/v1/sync/other/doc?token=[redacted]');
    expect(refusals).toContain('/v1/sync/logs/a?TOKEN=[redacted]');
    const everything = JSON.stringify(relay.logs) + relay.stderr();
    for (const token of tokens) {
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(token.split('.')[2]);
    }
  }, 30_000);

  it('does not let a socket that never answers the close frame hold up the exit (SIGTERM)', async () => {
    const stuck = await startRelayProcess({ dataDir });
    const socket = connect(stuck.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'GET /v1/sync/stuck HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    const response = await new Promise<string>((resolve) =>
      socket.once('data', (data: Buffer) => resolve(data.toString('latin1'))),
    );
    expect(response).toMatch(/^HTTP\/1\.1 101/);
    socket.pause(); // reads nothing more, answers nothing: ws alone would wait 30 s for its close frame
    const ended = new Promise((resolve) => socket.once('close', resolve));
    expect(await stuck.stop('SIGTERM', 10_000)).toBe(0);
    socket.resume();
    await ended;
  }, 30_000);
});
