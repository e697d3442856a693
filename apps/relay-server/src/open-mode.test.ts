import { createTempDir, removeTempDir, startRelayProcess, type RelayProcess } from '@marginalia/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleUpdate } from './hostile/frames.js';
import { upgradeStatus } from './hostile/raw-upgrade.js';

// The open mode that `pnpm start` runs (no key), against the real relay process (issue 10): only
// loopback Host names and same-origin or loopback Origins are accepted, it says so at start, and
// ALLOWED_HOSTS / ALLOWED_ORIGINS replace the defaults. Nothing from a refused request is stored.

let relay: RelayProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = createTempDir('marginalia-open-mode-');
  relay = await startRelayProcess({ dataDir, env: { AUTH_SECRET: '' } });
}, 30_000);

afterAll(async () => {
  await relay?.stop();
  removeTempDir(dataDir);
});

const post = (doc: string, headers: Record<string, string>) =>
  fetch(`${relay.url}/v1/docs/${doc}/update`, {
    method: 'POST',
    headers,
    body: sampleUpdate() as Uint8Array<ArrayBuffer>,
  });

describe('open mode, safe by default', () => {
  it('says at start which hosts and origins it accepts', async () => {
    const warning = await relay.waitForLog((line) => line.level === 'warn' && String(line.msg).includes('auth is off'));
    expect(warning.msg).toMatch(/only loopback Host names and same-origin or loopback Origins/);
  });

  // The title's placeholders take the case's first values in order: what is sent, then the status.
  it.each([
    ['a foreign Origin', 403, { Origin: 'https://evil.example' }],
    ['a foreign Host (DNS rebinding)', 403, { Host: 'evil.example:8787' }],
    ['the "null" Origin of a sandboxed page', 403, { Origin: 'null' }],
    ['no Origin (a Node or native client)', 101, {}],
    ['a loopback Origin (the dev server)', 101, { Origin: 'http://localhost:5173' }],
    ['an Origin that is neither the Host nor loopback', 403, { Origin: 'http://relay.test', Host: 'localhost:1' }],
  ] as const)('WebSocket upgrade with %s -> HTTP %d', async (_name, expected, headers) => {
    expect(await upgradeStatus(relay.port, '/v1/sync/open/ws', headers)).toBe(expected);
  });

  it('same-origin: Origin equal to the (loopback) Host passes', async () => {
    expect(await upgradeStatus(relay.port, '/v1/sync/open/ws', { Origin: `http://127.0.0.1:${relay.port}` })).toBe(101);
  });

  it('a cross-site text/plain POST gets 403 and stores nothing; the same POST without Origin is stored', async () => {
    const refused = await post('open/post', { 'content-type': 'text/plain', Origin: 'https://evil.example' });
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 403,
      body: { error: 'origin_forbidden' },
    });
    const vector = new Uint8Array(await (await fetch(`${relay.url}/v1/docs/open/post/state-vector`)).arrayBuffer());
    expect([...vector]).toEqual([0]);
    expect((await post('open/post', { 'content-type': 'application/octet-stream' })).status).toBe(200);
  });

  it('ALLOWED_HOSTS and ALLOWED_ORIGINS replace the defaults', async () => {
    const dir = createTempDir('marginalia-open-configured-');
    const configured = await startRelayProcess({
      dataDir: dir,
      env: { AUTH_SECRET: '', ALLOWED_HOSTS: 'relay.example.com', ALLOWED_ORIGINS: 'https://app.example.com' },
    });
    try {
      const status = (headers: Record<string, string>) => upgradeStatus(configured.port, '/v1/sync/open/c', headers);
      expect(await status({ Host: 'relay.example.com', Origin: 'https://app.example.com' })).toBe(101);
      expect(await status({ Host: 'relay.example.com', Origin: 'http://localhost:5173' })).toBe(403);
      expect(await status({ Host: `127.0.0.1:${configured.port}` })).toBe(403);
    } finally {
      await configured.stop();
      removeTempDir(dir);
    }
  }, 30_000);
});
