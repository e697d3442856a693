import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectRawClient,
  createTempDir,
  removeTempDir,
  startRelayProcess,
  waitUntil,
  type RelayProcess,
} from '@marginalia/testkit';
import { encodeSyncUpdate } from '@marginalia/protocol';

// The HTTP API of the real relay process (docs/api.md).
describe('relay process HTTP API', () => {
  const running: RelayProcess[] = [];
  const dirs: string[] = [];
  const start = async (options: Parameters<typeof startRelayProcess>[0] = {}) => {
    const relay = await startRelayProcess(options);
    running.push(relay);
    return relay;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).flatMap((relay) => (relay.running() ? [relay.stop()] : [])));
    dirs.splice(0).forEach(removeTempDir);
  });

  it('serves health, readiness, metrics and the placeholder page', async () => {
    const relay = await start();
    dirs.push(relay.dataDir);
    expect(await (await fetch(`${relay.url}/healthz`)).text()).toBe('ok');
    expect(await (await fetch(`${relay.url}/readyz`)).text()).toBe('ready');
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).toMatch(/^marginalia_docs_loaded 0$/m);
    expect(metrics).toContain('# TYPE marginalia_refusals_total counter');
    expect(metrics).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(metrics).toMatch(/^process_resident_memory_bytes \d+$/m);
    const page = await fetch(`${relay.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Marginalia relay');
  }, 30_000);

  it('stores a POSTed update durably: it is there after a restart', async () => {
    const dataDir = createTempDir('marginalia-http-');
    dirs.push(dataDir);
    const relay = await start({ dataDir });
    const doc = new Y.Doc();
    doc.getMap('m').set('via', 'http');
    const body = Y.encodeStateAsUpdate(doc) as Uint8Array<ArrayBuffer>;
    const response = await fetch(`${relay.url}/v1/docs/team/notes/update`, { method: 'POST', body });
    expect(response.status).toBe(200);
    await relay.kill();
    const again = await start({ dataDir });
    const vector = new Uint8Array(await (await fetch(`${again.url}/v1/docs/team/notes/state-vector`)).arrayBuffer());
    expect(vector).toEqual(Y.encodeStateVector(doc));
    const types = await (await fetch(`${again.url}/v1/docs/team/notes?view=types`)).json();
    expect(types).toEqual({ m: { via: 'http' } });
  }, 30_000);

  it('serves the demo app files from --static-dir with index.html for app routes', async () => {
    const site = createTempDir('marginalia-site-');
    dirs.push(site);
    mkdirSync(join(site, 'assets'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>reader</title>');
    writeFileSync(join(site, 'assets', 'app.js'), 'console.log(1)');
    const relay = await start({ args: ['--static-dir', site] });
    dirs.push(relay.dataDir);
    const script = await fetch(`${relay.url}/assets/app.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toBe('console.log(1)');
    expect(await (await fetch(`${relay.url}/doc/band-7`)).text()).toContain('<title>reader</title>');
    expect((await fetch(`${relay.url}/assets/missing.js`)).status).toBe(404);
    expect(await (await fetch(`${relay.url}/..%2f..%2f..%2fetc%2fpasswd`)).text()).not.toContain('root:');
    expect(await (await fetch(`${relay.url}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd`)).text()).not.toContain('root:');
    const head = await fetch(`${relay.url}/assets/app.js`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, '14']);
    // The relay's own routes come first.
    expect(await (await fetch(`${relay.url}/healthz`)).text()).toBe('ok');
  }, 30_000);

  it('unloads every document once its clients are gone: docs loaded back to 0 after 40 sockets and 10 HTTP reads', async () => {
    const relay = await start();
    dirs.push(relay.dataDir);
    const gauge = async (name: string) =>
      Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${relay.url}/metrics`)).text())?.[1]);
    const sockets = await Promise.all(
      Array.from({ length: 40 }, (_, i) => connectRawClient(relay.syncUrl, `many/doc-${i}`, { acks: true })),
    );
    sockets.forEach((socket, i) => {
      const doc = new Y.Doc();
      doc.getMap('m').set('i', i);
      socket.send(encodeSyncUpdate(Y.encodeStateAsUpdate(doc)));
    });
    await Promise.all(sockets.map((socket) => socket.acked(1)));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => fetch(`${relay.url}/v1/docs/read-only/doc-${i}`).then((r) => r.json())),
    );
    expect(await gauge('marginalia_docs_loaded')).toBeGreaterThanOrEqual(40);
    sockets.forEach((socket) => socket.close());
    await Promise.all(sockets.map((socket) => socket.closed));
    let loaded = await gauge('marginalia_docs_loaded');
    const poll = (onEvent: () => void) => {
      const timer = setInterval(() => {
        void gauge('marginalia_docs_loaded').then((value) => {
          loaded = value;
          onEvent();
        });
      }, 50);
      return () => clearInterval(timer);
    };
    await waitUntil(() => loaded === 0, poll, { timeoutMs: 10_000, what: 'every document to unload' });
    expect(await gauge('marginalia_connections')).toBe(0);
    const reader = await connectRawClient(relay.syncUrl, 'many/doc-7');
    const stored = await fetch(`${relay.url}/v1/docs/many/doc-7?view=types`).then((r) => r.json());
    expect(stored).toEqual({ m: { i: 7 } });
    reader.close();
  }, 30_000);
});
