import { createTempDir, removeTempDir, startRelayProcess, type RelayProcess } from '@marginalia/testkit';
import { mintToken } from '@marginalia/relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleUpdate, syncUpdate } from './hostile/frames.js';
import { closeCode, connectRaw } from './hostile/raw-client.js';
import { upgradeStatus } from './hostile/raw-upgrade.js';

// Tokens against the real relay process (issue 10): an open socket is closed with 4401 when its
// token expires, MAX_TOKEN_LIFETIME refuses long-lived tokens, and no token reaches any log line.

const SECRET = 'token-expiry-secret-at-least-32-bytes!!';
let relay: RelayProcess;
let dataDir: string;
const minted: string[] = [];

const token = async (ttlSeconds: number, docs = ['expiry/*']): Promise<string> => {
  const value = await mintToken({ secret: SECRET, userId: 'tester', docs, mode: 'write', ttlSeconds });
  minted.push(value);
  return value;
};

beforeAll(async () => {
  dataDir = createTempDir('marginalia-expiry-');
  relay = await startRelayProcess({
    dataDir,
    env: { AUTH_SECRET: SECRET, MAX_TOKEN_LIFETIME: '1h', LOG_LEVEL: 'debug' },
  });
}, 30_000);

afterAll(async () => {
  await relay?.stop();
  removeTempDir(dataDir);
});

describe('tokens on open sockets', () => {
  it('closes a socket with 4401 when its token expires; what it wrote before is stored', async () => {
    const { ws } = await connectRaw(`${relay.syncUrl}/expiry/a?token=${await token(2)}`);
    const closed = closeCode(ws!, 10_000);
    ws!.send(syncUpdate(sampleUpdate(77, 'before expiry')));
    expect(await closed).toBe(4401);
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).toMatch(/^marginalia_refusals_total\{reason="token_expired"\} 1$/m);
    const vector = await fetch(`${relay.url}/v1/docs/expiry/a/state-vector`, {
      headers: { authorization: `Bearer ${await token(60)}` },
    });
    expect([...new Uint8Array(await vector.arrayBuffer())]).not.toEqual([0]);
  }, 20_000);

  it('refuses a token that lives longer than MAX_TOKEN_LIFETIME (401), takes one within it', async () => {
    expect(await upgradeStatus(relay.port, `/v1/sync/expiry/b?token=${await token(2 * 3600)}`)).toBe(401);
    expect(await upgradeStatus(relay.port, `/v1/sync/expiry/b?token=${await token(3000)}`)).toBe(101);
  });

  it('no token appears in any log line, at debug level, also for a request the relay cannot parse', async () => {
    const secret = await token(60);
    expect(await upgradeStatus(relay.port, `/v1/sync/expiry/c?token=${secret}`, { Host: 'bad host name' })).toBe(400);
    expect(await upgradeStatus(relay.port, `/v1/sync/../x?token=${secret}`)).toBe(400);
    expect(await upgradeStatus(relay.port, `/v1/sync/other/x?token=${secret}`)).toBe(403);
    await relay.waitForLog((line) => line.msg === 'upgrade refused' && JSON.stringify(line).includes('other/x'));
    const leaked = relay.logs.filter((line) =>
      minted.some((value) => JSON.stringify(line).includes(value.split('.')[2]!)),
    );
    expect(relay.logs.some((line) => line.level === 'debug')).toBe(true);
    expect(leaked).toEqual([]);
    expect(minted.some((value) => relay.stderr().includes(value.split('.')[2]!))).toBe(false);
  });
});
