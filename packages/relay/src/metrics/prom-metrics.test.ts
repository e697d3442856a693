import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { connectStockClient, type StockClient } from '@marginalia/testkit';
import { createRelay, type RelayConfig } from '../create-relay.js';
import { listenRelay, type RelayServer } from '../http/listen-relay.js';
import { createMemoryStore } from '../storage/memory-store.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serveRelay(config: Partial<RelayConfig>): Promise<RelayServer> {
  const server = await listenRelay(createRelay({ store: createMemoryStore(), ...config }), { port: 0 });
  closers.push(() => server.close());
  return server;
}

function connect(server: RelayServer, docName: string): StockClient {
  const client = connectStockClient(`${server.url.replace('http', 'ws')}/v1/sync`, docName);
  closers.push(() => client.destroy());
  return client;
}

/** The value of one unlabelled sample in a Prometheus text exposition. */
function sample(text: string, name: string): number | undefined {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return match === null ? undefined : Number(match[1]);
}

describe('relay metrics on prom-client', () => {
  it('shows event-loop lag and process metrics next to its own on /metrics', async () => {
    const server = await serveRelay({ processMetrics: true });
    await connect(server, 'metrics-doc').synced();
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    expect(sample(text, 'marginalia_connections')).toBe(1);
    expect(sample(text, 'marginalia_docs_loaded')).toBe(1);
    expect(text).toContain('# TYPE marginalia_persist_seconds histogram');
  });

  it('serves only its own metrics unless asked for process metrics', async () => {
    const text = await (await fetch(`${(await serveRelay({})).url}/metrics`)).text();
    expect(text).toContain('# TYPE marginalia_refusals_total counter');
    expect(text).not.toContain('nodejs_eventloop_lag_seconds');
  });

  it('registers its metrics in the host app’s own registry, next to the app’s', async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const pages = new Counter({ name: 'app_pages_total', help: 'Pages served', registers: [registry] });
    const relay = createRelay({ store: createMemoryStore(), metricsRegistry: registry });
    const host = new Hono();
    host.get('/app-metrics', async (c) =>
      c.body(await registry.metrics(), 200, { 'content-type': registry.contentType }),
    );
    host.route('/', relay.app);
    const server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' });
    server.on('upgrade', relay.handleUpgrade);
    closers.push(() => new Promise<void>((done) => server.close(() => done())));
    closers.push(() => relay.close());
    await new Promise<void>((done) => server.once('listening', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    pages.inc();
    const client = connectStockClient(`${url.replace('http', 'ws')}/v1/sync`, 'embedded-doc');
    closers.push(() => client.destroy());
    await client.synced();

    const text = await (await fetch(`${url}/app-metrics`)).text();
    expect(sample(text, 'app_pages_total')).toBe(1);
    expect(sample(text, 'marginalia_connections')).toBe(1);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(await registry.getSingleMetricAsString('marginalia_docs_loaded')).toMatch(/^marginalia_docs_loaded 1$/m);
    // The relay's own /metrics is the same registry.
    expect(sample(await (await fetch(`${url}/metrics`)).text(), 'app_pages_total')).toBe(1);
  });
});
