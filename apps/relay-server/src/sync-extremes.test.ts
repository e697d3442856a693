import {
  connectStockClient,
  createTempDir,
  removeTempDir,
  startRelayProcess,
  type RelayProcess,
  type StockClient,
} from '@marginalia/testkit';
import { decodeFrame } from '@marginalia/protocol';
import { mintToken } from '@marginalia/relay';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { syncStep1, syncUpdate } from './hostile/frames.js';
import { closeClient, closeCode, connectRaw, nextMessage } from './hostile/raw-client.js';
import {
  INFO,
  bytesOf,
  deleteSet,
  fieldsOnly,
  gcRange,
  oneStruct,
  stateVector,
  textItem,
  writeField,
  type Field,
} from './hostile/raw-update.js';

// Every field of a sync message (update structs, delete set, state vector, frame header) at its
// extremes, through the real relay process with auth on and a write token: 0, the safe-integer
// limit, one past it (2^53, which lib0 decodes without complaint), an overlong varint (past 53
// bits), and counts and lengths at the limit with nothing behind them. Each value is either taken
// (the connection stays open and the document holds what it says) or refused with its close code;
// the relay stays up, a stock client pair on another document stays in sync, and after a restart
// the store holds exactly what was taken.

const SECRET = 'sync-extremes-secret-at-least-32-bytes!!';
const MAX = Number.MAX_SAFE_INTEGER;

let relay: RelayProcess;
let dataDir: string;
let token: string;
let bystanders: StockClient[] = [];
let bystanderCloses = 0;
/** What each taken case's document held: checked again after the restart. */
const taken = new Map<string, Array<[number, number]>>();
const refused = new Set<string>();

const docName = (name: string) => `sx/${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
const healthy = async () => (await fetch(`${relay.url}/healthz`)).status;

async function openWriter(doc: string): Promise<WebSocket> {
  const { ws, status } = await connectRaw(`${relay.syncUrl}/${doc}?token=${token}&acks=1`);
  if (ws === undefined) throw new Error(`upgrade refused with ${status}`);
  return ws;
}

/** Resolves once the relay acknowledges the connection's first `count` update-carrying messages as stored. */
function durableAck(ws: WebSocket, count = 1): Promise<Uint8Array> {
  return nextMessage(ws, (bytes) => {
    const frame = decodeFrame(bytes);
    return frame.type === 'durable-ack' && frame.count >= count;
  });
}

const carriesUpdate = (frame: Uint8Array) => frame[0] === 0 && (frame[1] === 1 || frame[1] === 2);

/** Sends sync step 1 with an empty state vector; resolves with the document the answer holds. */
async function documentOver(ws: WebSocket): Promise<Y.Doc> {
  ws.send(syncStep1(new Uint8Array([0])));
  const frame = decodeFrame(await nextMessage(ws, (bytes) => bytes[0] === 0 && bytes[1] === 1));
  if (frame.type !== 'sync-step-2') throw new Error(`expected sync step 2, got ${frame.type}`);
  const replica = new Y.Doc();
  Y.applyUpdate(replica, frame.update);
  return replica;
}

const byClient = (vector: Map<number, number>): Array<[number, number]> => [...vector].sort((x, y) => x[0] - y[0]);
const vectorOf = (doc: Y.Doc): Array<[number, number]> => byClient(Y.decodeStateVector(Y.encodeStateVector(doc)));

async function storedVector(doc: string): Promise<Array<[number, number]>> {
  const response = await fetch(`${relay.url}/v1/docs/${doc}/state-vector`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return byClient(Y.decodeStateVector(new Uint8Array(await response.arrayBuffer())));
}

async function startRelay(): Promise<void> {
  relay = await startRelayProcess({ dataDir, env: { AUTH_SECRET: SECRET } });
}

beforeAll(async () => {
  dataDir = createTempDir('marginalia-sync-extremes-');
  await startRelay();
  token = await mintToken({ secret: SECRET, userId: 'writer', docs: ['sx/**'], mode: 'write', ttlSeconds: 900 });
  bystanders = [0, 1].map(() => connectStockClient(relay.syncUrl, 'sx/bystanders/notes', { params: { token } }));
  for (const client of bystanders) {
    client.provider.on('connection-close', () => (bystanderCloses += 1));
    await client.synced();
  }
}, 30_000);

afterAll(async () => {
  for (const client of bystanders) client.destroy();
  await relay?.stop();
  removeTempDir(dataDir);
});

const item = (client: Field, clock: Field, info: number, body: (e: encoding.Encoder) => void) =>
  oneStruct([1, client, clock], (e) => {
    encoding.writeUint8(e, info);
    body(e);
  });
const inRootText = (e: encoding.Encoder) => (encoding.writeVarUint(e, 1), encoding.writeVarString(e, 't'));
const withRange = (update: Uint8Array, client: number, clock: number, len: number) =>
  bytesOf((e) => {
    encoding.writeUint8Array(e, update.subarray(0, -1));
    for (const value of [1, client, 1, clock, len]) encoding.writeVarUint(e, value);
  });

describe('sync values the relay takes: the connection stays open, the document holds them', () => {
  // [case, frame, the state vector the document has afterwards, a check of its content]
  const cases: ReadonlyArray<readonly [string, Uint8Array, Array<[number, number]>, ((doc: Y.Doc) => void)?]> = [
    ['an item at client id 0, clock 0', syncUpdate(textItem(0, 0)), [[0, 1]]],
    ['an item at client id MAX_SAFE_INTEGER', syncUpdate(textItem(MAX, 0)), [[MAX, 1]]],
    ['a GC range from clock 0 up to the limit (length MAX_SAFE_INTEGER)', syncUpdate(gcRange(11, 0, MAX)), [[11, MAX]]],
    [
      'deleted content of length MAX_SAFE_INTEGER',
      syncUpdate(item(16, 0, INFO.deleted, (e) => (inRootText(e), encoding.writeVarUint(e, MAX)))),
      [[16, MAX]],
    ],
    [
      'a map entry of NaN, -Infinity and -5',
      syncUpdate(
        item(21, 0, INFO.any | 0x20, (e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, 'm');
          encoding.writeVarString(e, 'k');
          encoding.writeVarUint(e, 3);
          for (const value of [Number.NaN, Number.NEGATIVE_INFINITY, -5]) encoding.writeAny(e, value);
        }),
      ),
      [[21, 3]],
      (doc) => expect(doc.getMap('m').get('k')).toBe(-5),
    ],
    ['sync step 1 with an entry at MAX_SAFE_INTEGER / MAX_SAFE_INTEGER', syncStep1(stateVector([1, MAX, MAX])), []],
    ['sync step 1 with an entry at 0 / 0', syncStep1(stateVector([1, 0, 0])), []],
    [
      'sync step 2 carrying an item',
      bytesOf(
        (e) => (encoding.writeUint8Array(e, new Uint8Array([0, 1])), encoding.writeVarUint8Array(e, textItem(40, 0))),
      ),
      [[40, 1]],
    ],
  ];

  for (const [name, frame, vector, check] of cases) {
    it(name, async () => {
      const doc = docName(name);
      const ws = await openWriter(doc);
      const acked = carriesUpdate(frame) ? durableAck(ws) : undefined;
      ws.send(frame);
      await acked;
      const replica = await documentOver(ws);
      expect(vectorOf(replica)).toEqual(vector);
      check?.(replica);
      expect(await storedVector(doc)).toEqual(vector);
      expect(ws.readyState).toBe(WebSocket.OPEN);
      expect(await healthy()).toBe(200);
      await closeClient(ws);
      taken.set(doc, vector);
    });
  }
});

describe('sync values the relay holds pending: never acknowledged, their pending part never stored', () => {
  // [case, frame, the state vector stored once another connection's write is committed, text then]
  const cases: ReadonlyArray<readonly [string, Uint8Array, Array<[number, number]>, string]> = [
    [
      'an item at clock MAX_SAFE_INTEGER - 1 (nothing comes before it)',
      syncUpdate(textItem(6, MAX - 1)),
      [[60, 1]],
      'a',
    ],
    [
      // Yjs applies the deletion of the item and holds the rest of the range for clocks to come.
      "a deletion of the writer's own item of length MAX_SAFE_INTEGER",
      syncUpdate(withRange(textItem(32, 0), 32, 0, MAX)),
      [
        [32, 1],
        [60, 1],
      ],
      'a',
    ],
  ];

  for (const [name, frame, vector, text] of cases) {
    it(name, async () => {
      const doc = docName(name);
      const sender = await openWriter(doc);
      const neverAcked = durableAck(sender).then(
        () => 'acked',
        () => 'not acked',
      );
      sender.send(frame);
      const other = await openWriter(doc);
      const acked = durableAck(other);
      other.send(syncUpdate(textItem(60, 0)));
      await acked;
      expect(await storedVector(doc)).toEqual(vector);
      const replica = await documentOver(sender);
      expect(vectorOf(replica)).toEqual(vector);
      expect(replica.getText('t').toString()).toBe(text);
      expect(sender.readyState).toBe(WebSocket.OPEN);
      await Promise.all([closeClient(sender), closeClient(other)]);
      expect(await neverAcked).toBe('not acked');
      taken.set(doc, vector);
    });
  }
});

describe('sync values the relay refuses: their close code, nothing held or stored', () => {
  const frameOf = (values: readonly Field[]) => bytesOf((e) => values.forEach((value) => writeField(e, value)));
  const deleted = (client: number, clock: number, len: Field) => syncUpdate(deleteSet([1, client, 1, clock, len]));
  // [case, frame, close code]
  const cases: ReadonlyArray<readonly [string, Uint8Array, number]> = [
    ['struct group count MAX_SAFE_INTEGER with one group', syncUpdate(fieldsOnly([MAX, 1, 8, 0, INFO.gc, 1, 0])), 4400],
    ['struct group count overlong', syncUpdate(fieldsOnly(['overlong'])), 4400],
    ['struct group count 2^53', syncUpdate(fieldsOnly(['2^53'])), 4400],
    ['struct count MAX_SAFE_INTEGER with one struct', syncUpdate(fieldsOnly([1, MAX, 9, 0, INFO.gc, 1, 0])), 4400],
    ['struct count overlong', syncUpdate(fieldsOnly([1, 'overlong'])), 4400],
    ['client id overlong', syncUpdate(textItem('overlong', 0)), 4400],
    ['client id 2^53', syncUpdate(textItem('2^53', 0)), 4400],
    ['clock overlong', syncUpdate(textItem(10, 'overlong')), 4400],
    ['clock 2^53', syncUpdate(textItem(10, '2^53')), 4400],
    ['an item at clock MAX_SAFE_INTEGER (it ends past the limit)', syncUpdate(textItem(7, MAX)), 4400],
    ['a GC range of length MAX_SAFE_INTEGER from clock 1', syncUpdate(gcRange(12, 1, MAX)), 4400],
    ['a GC range of length 0', syncUpdate(gcRange(13, 0, 0)), 4400],
    ['a GC range of overlong length', syncUpdate(gcRange(14, 0, 'overlong')), 4400],
    [
      'a skip of length MAX_SAFE_INTEGER before a GC range',
      syncUpdate(fieldsOnly([1, 2, 15, 0, INFO.skip, MAX, INFO.gc, 1, 0])),
      4400,
    ],
    [
      'deleted content of length 0',
      syncUpdate(item(17, 0, INFO.deleted, (e) => (inRootText(e), encoding.writeVarUint(e, 0)))),
      4400,
    ],
    ['a string of length MAX_SAFE_INTEGER', syncUpdate(fieldsOnly([1, 1, 18, 0, INFO.string, 1, 1, 116, MAX])), 4400],
    ['a string of overlong length', syncUpdate(fieldsOnly([1, 1, 19, 0, INFO.string, 1, 1, 116, 'overlong'])), 4400],
    [
      'JSON-like content of MAX_SAFE_INTEGER values',
      syncUpdate(fieldsOnly([1, 1, 20, 0, INFO.any, 1, 1, 109, MAX])),
      4400,
    ],
    [
      'an item whose origin is at clock MAX_SAFE_INTEGER',
      syncUpdate(
        item(22, 0, INFO.string | INFO.withOrigin, (e) => {
          for (const value of [MAX, MAX]) encoding.writeVarUint(e, value);
          encoding.writeVarString(e, 'a');
        }),
      ),
      4400,
    ],
    [
      'an item whose origin clock is overlong',
      syncUpdate(fieldsOnly([1, 1, 23, 0, INFO.string | INFO.withOrigin, 5, 'overlong'])),
      4400,
    ],
    [
      'an item whose parent is an item at clock MAX_SAFE_INTEGER',
      syncUpdate(
        item(24, 0, INFO.string, (e) => {
          for (const value of [0, MAX, MAX]) encoding.writeVarUint(e, value);
          encoding.writeVarString(e, 'a');
        }),
      ),
      4400,
    ],
    ['delete set client count MAX_SAFE_INTEGER with one client', syncUpdate(deleteSet([MAX, 25, 1, 0, 1])), 4400],
    ['delete set client count overlong', syncUpdate(deleteSet(['overlong'])), 4400],
    ['delete set client id overlong', syncUpdate(deleteSet([1, 'overlong'])), 4400],
    ['delete set client id 2^53', syncUpdate(deleteSet([1, '2^53', 1, 0, 1])), 4400],
    ['delete set range count MAX_SAFE_INTEGER with one range', syncUpdate(deleteSet([1, 26, MAX, 0, 1])), 4400],
    ['a deletion at clock MAX_SAFE_INTEGER (it ends past the limit)', deleted(27, MAX, 1), 4400],
    ['a deletion of overlong length', deleted(31, 0, 'overlong'), 4400],
    ['a deletion of length 0', deleted(33, 0, 0), 4400],
    ['a deletion clock overlong', syncUpdate(deleteSet([1, 30, 1, 'overlong', 1])), 4400],
    // Deletions of items no one has written are deletions past what those ids wrote (authorship).
    ['a deletion at clock MAX_SAFE_INTEGER - 1 of an unknown client', deleted(28, MAX - 1, 1), 4403],
    ['a deletion of length MAX_SAFE_INTEGER of an unknown client', deleted(29, 0, MAX), 4403],
    ['a deletion under client id MAX_SAFE_INTEGER', deleted(MAX, 0, 1), 4403],
    ['state vector entry count MAX_SAFE_INTEGER with one entry', syncStep1(stateVector([MAX, 1, 1])), 4400],
    ['state vector entry count overlong', syncStep1(stateVector(['overlong'])), 4400],
    ['state vector client id overlong', syncStep1(stateVector([1, 'overlong'])), 4400],
    ['state vector client id 2^53', syncStep1(stateVector([1, '2^53', 1])), 4400],
    ['state vector clock overlong', syncStep1(stateVector([1, 3, 'overlong'])), 4400],
    ['state vector clock 2^53', syncStep1(stateVector([1, 3, '2^53'])), 4400],
    ['state vector of no bytes', syncStep1(new Uint8Array(0)), 4400],
    ['message type overlong', frameOf(['overlong']), 4400],
    ['sync message type overlong', frameOf([0, 'overlong']), 4400],
    ['sync payload length MAX_SAFE_INTEGER', frameOf([0, 2, MAX]), 4400],
  ];

  const titled = cases.map(([name, frame, code]) => [name, code, frame] as const);

  it.each(titled)('%s -> close %i', async (name, code, frame) => {
    const doc = docName(name);
    const ws = await openWriter(doc);
    const closed = closeCode(ws);
    ws.send(frame);
    expect(await closed).toBe(code);
    expect(await storedVector(doc)).toEqual([]);
    expect(await healthy()).toBe(200);
    refused.add(doc);
  });

  it('a GC range up to the limit is taken, and an item at the limit after it is refused: no clock past 2^53 - 1', async () => {
    const doc = docName('gc to the limit then an item at it');
    const ws = await openWriter(doc);
    const acked = durableAck(ws);
    ws.send(syncUpdate(gcRange(50, 0, MAX)));
    await acked;
    expect(vectorOf(await documentOver(ws))).toEqual([[50, MAX]]);
    const closed = closeCode(ws);
    ws.send(syncUpdate(textItem(50, MAX)));
    expect(await closed).toBe(4400);
    expect(await storedVector(doc)).toEqual([[50, MAX]]);
    taken.set(doc, [[50, MAX]]);
  });
});

describe('afterwards', () => {
  it('the stock client pair on another document stayed connected and still syncs', async () => {
    const [a, b] = bystanders;
    a!.doc.getText('t').insert(0, 'still here');
    await b!.until(() => b!.doc.getText('t').toString() === 'still here');
    expect(bystanderCloses).toBe(0);
  });

  it('after a restart the store holds what was taken and nothing that was refused', async () => {
    expect(taken.size).toBeGreaterThan(5);
    expect(refused.size).toBeGreaterThan(30);
    for (const client of bystanders) client.destroy();
    bystanders = [];
    await relay.stop();
    await startRelay();
    for (const [doc, vector] of taken) expect(await storedVector(doc), doc).toEqual(vector);
    for (const doc of refused) expect(await storedVector(doc), doc).toEqual([]);
  }, 60_000);
});
