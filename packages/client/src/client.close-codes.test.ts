import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { mintToken } from '@marginalia/relay';
import {
  connectRawClient,
  startRelayProcess,
  waitUntil,
  type RawSyncClient,
  type RelayProcess,
} from '@marginalia/testkit';
import type { Client } from './client.js';
import type { ClientOptions } from './client-options.js';
import type { ClientError } from './client-error.js';
import type { DocHandle } from './doc-handle.js';
import { createManualTimers, type ManualTimers } from './fixtures/manual-timers.js';
import { nodeClient, synced, waitForHandle } from './fixtures/node-client.js';
import { realTimers } from './timers.js';
import { createSocketSpy, type SocketSpy } from './fixtures/socket-spy.js';

const SECRET = 'client-close-code-tests-secret-0123456789';
const token = (docs: string[], options: { secret?: string; expired?: boolean } = {}): Promise<string> =>
  mintToken({
    secret: options.secret ?? SECRET,
    userId: 'alice',
    docs,
    mode: 'write',
    ttlSeconds: options.expired ? 60 : 3600,
    ...(options.expired ? { issuedAt: Math.floor(Date.now() / 1000) - 3600 } : {}),
  });

/** Lets a simulated minute pass: fires each scheduled reconnect as soon as the previous attempt failed. */
async function simulateMinute(handle: DocHandle, timers: ManualTimers): Promise<number[]> {
  const end = timers.now() + 60_000;
  const delays: number[] = [];
  let waiting: number | undefined;
  const offRetry = handle.on('retry', (ms) => {
    delays.push(ms);
    waiting = ms;
  });
  try {
    while (timers.now() < end) {
      await waitUntil(
        () => waiting !== undefined || handle.stoppedBy !== undefined,
        (onEvent) => {
          const offs = [handle.on('retry', onEvent), handle.on('error', onEvent)];
          return () => offs.forEach((off) => off());
        },
        { what: 'a failed attempt' },
      );
      if (waiting === undefined) break;
      const delay = waiting;
      waiting = undefined;
      timers.advance(Math.min(delay, Math.max(0, end - timers.now())));
      if (timers.now() >= end) break;
    }
    if (timers.now() < end) timers.advance(end - timers.now());
  } finally {
    offRetry();
  }
  return delays;
}

/** Every refusal the relay counted so far (all reasons), from its /metrics. */
async function refusalsOnRelay(relay: RelayProcess): Promise<number> {
  const text = await (await fetch(`${relay.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('marginalia_refusals_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

describe('close codes and refusals against the real relay (simulated clock)', () => {
  let relay: RelayProcess;
  const clients: Client[] = [];
  beforeAll(async () => {
    relay = await startRelayProcess({
      env: { AUTH_SECRET: SECRET, MAX_CONNECTIONS_PER_IP: '3', MAX_FRAME_BYTES: '65536' },
    });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(async () => {
    await relay?.stop();
  });
  const setup = (
    options: Partial<ClientOptions>,
  ): { client: Client; spy: SocketSpy; timers: ManualTimers; errors: ClientError[] } => {
    const spy = createSocketSpy();
    const timers = createManualTimers();
    const client = nodeClient(
      relay,
      { id: 'alice', name: 'Alice' },
      { WebSocket: spy.WebSocket, timers, random: () => 0.5, ...options },
    );
    const errors: ClientError[] = [];
    client.on('error', (error) => errors.push(error));
    clients.push(client);
    return { client, spy, timers, errors };
  };

  it('a refused token asks getToken() once for a fresh one, then stops: no reconnect storm over a minute', async () => {
    let calls = 0;
    const revoked = await token(['lib/*'], { secret: 'another-secret-that-the-relay-does-not-know' });
    const { client, spy, timers, errors } = setup({
      token: await token(['lib/*'], { expired: true }),
      getToken: () => {
        calls += 1;
        return revoked;
      },
    });
    const refusedBefore = await refusalsOnRelay(relay);
    const handle = client.open('lib/tokens');
    await simulateMinute(handle, timers);
    expect(calls).toBe(1);
    expect(spy.attempts).toBe(2);
    expect(await refusalsOnRelay(relay)).toBe(refusedBefore + 2);
    expect(handle.stoppedBy?.code).toBe('unauthenticated');
    expect(errors.map((error) => error.code)).toEqual(['unauthenticated']);
    expect(handle.status).toBe('offline');
  });

  it('an expired token is replaced through getToken() and the document syncs', async () => {
    const fresh = await token(['lib/*']);
    let calls = 0;
    const { client, spy } = setup({
      timers: realTimers,
      token: await token(['lib/*'], { expired: true }),
      getToken: () => {
        calls += 1;
        return fresh;
      },
    });
    const handle = client.open('lib/refresh');
    handle.model.notes.create({ body: 'after refresh' });
    await synced(handle);
    expect(calls).toBe(1);
    expect(spy.attempts).toBe(2);
    expect(handle.unsyncedChanges).toBe(0);
  });

  it('a browser-like socket that only sees close 1006 learns about the refused token through the HTTP probe', async () => {
    let calls = 0;
    const spy = createSocketSpy({ opaque: true });
    const revoked = await token(['lib/*'], { secret: 'another-secret-that-the-relay-does-not-know' });
    const { client, timers } = setup({
      WebSocket: spy.WebSocket,
      token: revoked,
      getToken: () => ((calls += 1), revoked),
    });
    const handle = client.open('lib/browser');
    await simulateMinute(handle, timers);
    expect(handle.stoppedBy?.code).toBe('unauthenticated');
    expect(calls).toBe(1);
    expect(spy.attempts).toBe(2);
  });

  it('a token for other documents (403) stops at once without asking for a new token', async () => {
    let calls = 0;
    const { client, spy, timers } = setup({ token: await token(['band-7/*']), getToken: () => String(++calls) });
    const handle = client.open('lib/not-mine');
    await simulateMinute(handle, timers);
    expect(handle.stoppedBy?.code).toBe('forbidden');
    expect(calls).toBe(0);
    expect(spy.attempts).toBe(1);
  });

  it('rate limited (429) backs off far longer than a plain failure', async () => {
    const holders: RawSyncClient[] = [];
    const valid = await token(['lib/*']);
    for (let index = 0; index < 3; index += 1)
      holders.push(await connectRawClient(relay.syncUrl, 'lib/holder', { params: { token: valid } }));
    try {
      const { client, spy, timers } = setup({ token: valid });
      const handle = client.open('lib/limited');
      const delays = await simulateMinute(handle, timers);
      expect(handle.stoppedBy).toBeUndefined();
      expect(delays.length).toBeGreaterThan(0);
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(5000);
      expect(spy.attempts).toBeLessThanOrEqual(5);
    } finally {
      holders.forEach((holder) => holder.close());
    }
  });

  it('while the relay is unreachable, attempts grow apart with jitter up to the cap', async () => {
    const { client, spy, timers } = setup({ url: 'ws://127.0.0.1:9', random: Math.random });
    const handle = client.open('lib/unreachable');
    const delays = await simulateMinute(handle, timers);
    expect(spy.attempts).toBeLessThanOrEqual(10);
    expect(spy.attempts).toBeGreaterThanOrEqual(5);
    expect(delays[3]).toBeGreaterThan(delays[0] as number);
    expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
  });
  it('a document name the relay refuses (400 before the upgrade) stops with bad_request (4400) after one attempt', async () => {
    let calls = 0;
    const { client, spy, timers, errors } = setup({ token: await token(['lib/*']), getToken: () => String(++calls) });
    const handle = client.open('lib/not a valid name');
    await simulateMinute(handle, timers);
    expect(handle.stoppedBy).toMatchObject({ code: 'bad_request', closeCode: 4400 });
    expect(errors.map((error) => error.code)).toEqual(['bad_request']);
    expect(calls).toBe(0);
    expect(spy.attempts).toBe(1);
  });

  it("a change above the relay's frame limit is split into frames the relay takes (never a 4413 stop)", async () => {
    const { client, spy, errors } = setup({ timers: realTimers, token: await token(['lib/*']) });
    const handle = client.open('lib/too-large');
    await synced(handle);
    const retries: number[] = [];
    handle.on('retry', (ms) => retries.push(ms));
    handle.model.notes.create({ body: 'x'.repeat(70_000) });
    await synced(handle);
    expect(handle.stoppedBy).toBeUndefined();
    expect(errors).toEqual([]);
    expect(handle.unsyncedChanges).toBe(0);
    expect(retries).toEqual([]);
    expect(spy.attempts).toBe(1);
  });
});

describe('close codes the relay sends after the upgrade', () => {
  it('4404 from a relay that has no such document stops with not_found; client.connect() tries again', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    let connections = 0;
    server.on('connection', (socket) => {
      connections += 1;
      socket.close(4404, 'no such document');
    });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const timers = createManualTimers();
    const client = nodeClient(
      { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}` },
      { id: 'alice', name: 'Alice' },
      { timers, fetch: null },
    );
    try {
      const errors: ClientError[] = [];
      client.on('error', (error) => errors.push(error));
      const handle = client.open('lib/missing');
      await simulateMinute(handle, timers);
      expect(handle.stoppedBy).toMatchObject({ code: 'not_found', closeCode: 4404 });
      expect(errors.map((error) => error.code)).toEqual(['not_found']);
      expect(connections).toBe(1);
      client.connect();
      expect(handle.stoppedBy).toBeUndefined();
      await waitForHandle(handle, (h) => h.stoppedBy !== undefined, 'the second refusal after connect()');
      expect(handle.stoppedBy).toMatchObject({ code: 'not_found' });
      expect(connections).toBe(2);
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
