import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { withTimeout } from '@marginalia/testkit';
import { canWritePreframed, createFrameCache, frameBinary, writePreframed } from './ws-frame-writer.js';

/**
 * The contract with the installed `ws` that ws-frame-writer.ts relies on: the private fields it
 * reads exist and mean what it assumes, and a self-framed write reaches a real `ws` client as the
 * same message `ws.send` would deliver, in order with `ws.send`'s own frames.
 */
const servers: WebSocketServer[] = [];
const clients: WebSocket[] = [];
afterEach(async () => {
  clients.splice(0).forEach((client) => client.terminate());
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function pair(perMessageDeflate: boolean): Promise<{ server: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate });
  servers.push(wss);
  await new Promise((resolve) => wss.once('listening', resolve));
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, { perMessageDeflate });
  clients.push(client);
  await withTimeout(new Promise((resolve) => client.once('open', resolve)), 5000, 'the client to open');
  return { server: await accepted, client };
}

function collect(client: WebSocket, count: number): Promise<{ data: Buffer; isBinary: boolean }[]> {
  const got: { data: Buffer; isBinary: boolean }[] = [];
  return withTimeout(
    new Promise((resolve) => {
      client.on('message', (data: Buffer, isBinary: boolean) => {
        got.push({ data, isBinary });
        if (got.length === count) resolve(got);
      });
    }),
    5000,
    `${count} messages`,
  );
}

const bytes = (length: number, seed: number): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);

describe('ws-frame-writer (against the installed ws)', () => {
  it('writes frames a ws client reads as the binary messages sent, at each length encoding, in order with ws.send', async () => {
    const { server, client } = await pair(false);
    expect(canWritePreframed(server)).toBe(true);
    const payloads = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000].map((length, i) => bytes(length, i));
    const received = collect(client, payloads.length * 2);
    for (const payload of payloads) {
      writePreframed(server, frameBinary(payload));
      server.send(payload); // ws's own framing right after: the order holds
    }
    const got = await received;
    expect(got.every((message) => message.isBinary)).toBe(true);
    expect(got.map((message) => [...message.data])).toEqual(payloads.flatMap((p) => [[...p], [...p]]));
  });

  it('is refused when compression is negotiated, and once the socket is closing', async () => {
    const compressed = await pair(true);
    expect(canWritePreframed(compressed.server)).toBe(false);
    const plain = await pair(false);
    plain.server.close(1000, 'bye');
    expect(canWritePreframed(plain.server)).toBe(false);
  });

  it('frames a payload once while the same one is sent again, anew for another', () => {
    const wireOf = createFrameCache();
    const first = bytes(10, 1);
    expect(wireOf(first)).toBe(wireOf(first));
    const second = bytes(10, 1);
    expect(wireOf(second)).not.toBe(wireOf(first));
    expect([...wireOf(second)]).toEqual([0x82, 10, ...second]);
  });
});
