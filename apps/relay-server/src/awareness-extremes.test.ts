import { createTempDir, removeTempDir, startRelayProcess, type RelayProcess } from '@marginalia/testkit';
import { mintToken } from '@marginalia/relay';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { awareness } from './hostile/frames.js';
import { closeClient, closeCode, connectRaw, nextMessage } from './hostile/raw-client.js';

// Every numeric field of an awareness update at its extremes, through the real relay process and a
// read-only token (as little as an attacker needs). A connection that sends an entry and leaves
// makes the relay encode the entry's removal (clock + 1) from the socket's close event: that must
// never throw out of it. Afterwards the relay is still up and a bystander's connection still open.

const SECRET = 'awareness-extremes-secret-at-least-32-bytes';
const MAX = Number.MAX_SAFE_INTEGER;

let relay: RelayProcess;
let dataDir: string;
let readToken: string;

const url = (doc: string) => `${relay.syncUrl}/${doc}?token=${readToken}`;
const healthy = async () => (await fetch(`${relay.url}/healthz`)).status;
const decoded = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** An awareness frame built byte by byte: count, then raw fields, for values `awareness()` cannot write. */
function rawAwareness(write: (inner: encoding.Encoder) => void): Uint8Array {
  const inner = encoding.createEncoder();
  write(inner);
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** Ten 0xff bytes: a varint past 53 bits (what turns into NaN or Infinity in a careless decoder). */
const overlongVarint = new Uint8Array(10).fill(0xff);

beforeAll(async () => {
  dataDir = createTempDir('marginalia-awareness-extremes-');
  relay = await startRelayProcess({ dataDir, env: { AUTH_SECRET: SECRET } });
  readToken = await mintToken({
    secret: SECRET,
    userId: 'reader',
    docs: ['extremes/**'],
    mode: 'read',
    ttlSeconds: 600,
  });
}, 30_000);

afterAll(async () => {
  await relay?.stop();
  removeTempDir(dataDir);
});

describe('awareness fields at their extremes, against the relay process', () => {
  it.each([
    ['clock 0', 11, 0],
    ['clock 1', 12, 1],
    ['clock at MAX_SAFE_INTEGER - 1', 13, MAX - 1],
    ['client id 0', 0, 5],
    ['client id at MAX_SAFE_INTEGER', MAX, 5],
  ])('%s is taken, and leaving announces its removal to the room', async (_name, clientID, clock) => {
    const doc = `extremes/taken-${clientID}-${clock}`;
    const bystander = (await connectRaw(url(doc))).ws!;
    const sender = (await connectRaw(url(doc))).ws!;
    const seen = nextMessage(bystander, (bytes) => bytes[0] === 1 && decoded(bytes).includes('extreme'));
    sender.send(awareness([{ clientID, clock, json: '{"user":{"name":"extreme"}}' }]));
    await seen;
    const removal = nextMessage(bystander, (bytes) => bytes[0] === 1 && decoded(bytes).endsWith('null'));
    await closeClient(sender);
    await removal;
    expect(bystander.readyState).toBe(WebSocket.OPEN);
    expect(await healthy()).toBe(200);
    await closeClient(bystander);
  });

  it.each([
    ['clock at MAX_SAFE_INTEGER', awareness([{ clientID: 21, clock: MAX, json: '{}' }])],
    [
      'clock past MAX_SAFE_INTEGER',
      rawAwareness(
        (e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint(e, 22), encoding.writeUint8Array(e, overlongVarint)),
      ),
    ],
    [
      'client id past MAX_SAFE_INTEGER',
      rawAwareness((e) => (encoding.writeVarUint(e, 1), encoding.writeUint8Array(e, overlongVarint))),
    ],
    [
      'entry count at MAX_SAFE_INTEGER with one entry',
      rawAwareness(
        (e) => (
          encoding.writeVarUint(e, MAX),
          encoding.writeVarUint(e, 23),
          encoding.writeVarUint(e, 1),
          encoding.writeVarString(e, '{}')
        ),
      ),
    ],
    ['entry count past MAX_SAFE_INTEGER', rawAwareness((e) => encoding.writeUint8Array(e, overlongVarint))],
    [
      'state length at MAX_SAFE_INTEGER',
      rawAwareness(
        (e) => (
          encoding.writeVarUint(e, 1),
          encoding.writeVarUint(e, 24),
          encoding.writeVarUint(e, 1),
          encoding.writeVarUint(e, MAX)
        ),
      ),
    ],
  ])('%s -> close 4400, the relay stays up', async (name, frame) => {
    const doc = `extremes/refused-${name.replace(/[^a-z0-9]+/gi, '-')}`;
    const bystander = (await connectRaw(url(doc))).ws!;
    const sender = (await connectRaw(url(doc))).ws!;
    const closed = closeCode(sender);
    sender.send(frame);
    expect(await closed).toBe(4400);
    // The bystander still gets answers: a query-awareness frame is answered with the room's states.
    bystander.send(awareness([{ clientID: 31, clock: 1, json: '{"user":{"name":"bystander"}}' }]));
    bystander.send(new Uint8Array([3]));
    await nextMessage(bystander, (bytes) => bytes[0] === 1 && decoded(bytes).includes('bystander'));
    expect(await healthy()).toBe(200);
    await closeClient(bystander);
  });

  it('the red-team frame (clock at MAX_SAFE_INTEGER, then disconnect), repeated, never stops the process', async () => {
    for (let i = 0; i < 20; i++) {
      const sender = (await connectRaw(url('extremes/repeat'))).ws!;
      sender.send(awareness([{ clientID: 40 + i, clock: i % 2 === 0 ? MAX : MAX - 1, json: '{"x":1}' }]));
      sender.terminate();
    }
    expect(await healthy()).toBe(200);
    expect(relay.running()).toBe(true);
    expect(relay.logs.filter((line) => line.msg === 'leave failed' || line.level === 'fatal')).toEqual([]);
  });
});
