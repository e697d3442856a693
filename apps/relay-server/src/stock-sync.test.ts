import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectStockClient,
  removeTempDir,
  startRelayProcess,
  withTimeout,
  type RelayProcess,
  type StockClient,
} from '@marginalia/testkit';

// Two unmodified y-websocket providers (Node + ws) against the real relay process.
describe('stock y-websocket clients through the relay process', () => {
  let relay: RelayProcess;
  const clients: StockClient[] = [];
  const connect = (docName: string): StockClient => {
    const client = connectStockClient(relay.syncUrl, docName);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    relay = await startRelayProcess();
  }, 30_000);
  afterAll(async () => {
    clients.forEach((client) => client.destroy());
    await relay.stop();
    removeTempDir(relay.dataDir);
  }, 30_000);

  it('converges on 300 concurrent map entries and a shared Y.Text', async () => {
    const a = connect('band-7/setlists');
    const b = connect('band-7/setlists');
    await Promise.all([a.synced(), b.synced()]);
    const mapA = a.doc.getMap<number>('entries');
    const mapB = b.doc.getMap<number>('entries');
    for (let i = 0; i < 150; i++) {
      mapA.set(`a-${i}`, i);
      mapB.set(`b-${i}`, i);
      if (i === 75) {
        a.doc.getText('note').insert(0, 'hello from a. ');
        b.doc.getText('note').insert(0, 'hello from b. ');
      }
    }
    // Each client waits on its own events for everything both wrote.
    const complete = (client: StockClient) => (): boolean => {
      const text = client.doc.getText('note').toString();
      return (
        client.doc.getMap('entries').size === 300 && text.includes('hello from a. ') && text.includes('hello from b. ')
      );
    };
    await Promise.all([a.until(complete(a), 15_000, 'a to converge'), b.until(complete(b), 15_000, 'b to converge')]);
    expect(a.doc.getText('note').toString()).toBe(b.doc.getText('note').toString());
    expect(mapA.toJSON()).toEqual(mapB.toJSON());
    const text = a.doc.getText('note').toString();
    expect(text).toContain('hello from a. ');
    expect(text).toContain('hello from b. ');
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  }, 30_000);

  it("answers a lone client's awareness renewal, so its 30 s message timeout never fires", async () => {
    const alone = connect('alone/doc');
    await alone.synced();
    const ws = alone.provider.ws as unknown as {
      addEventListener(t: 'message', l: () => void): void;
      removeEventListener(t: 'message', l: () => void): void;
    };
    let messages = 0;
    const counted = new Promise<void>((resolve) => {
      const listener = (): void => {
        messages += 1;
        ws.removeEventListener('message', listener);
        resolve();
      };
      ws.addEventListener('message', listener);
    });
    alone.awareness.setLocalStateField('status', 'reading');
    await withTimeout(counted, 5_000, 'the relay to answer the awareness update');
    expect(messages).toBe(1);
  }, 30_000);

  it('relays awareness and clears it when a client disconnects', async () => {
    const a = connect('user-42.library');
    const b = connect('user-42.library');
    await Promise.all([a.synced(), b.synced()]);
    a.awareness.setLocalStateField('user', { id: 'alice', name: 'Alice' });
    const aliceId = a.doc.clientID;
    const seesAlice = (client: StockClient) => () =>
      (client.awareness.getStates().get(aliceId) as { user?: { id?: string } } | undefined)?.user?.id === 'alice';
    await b.until(seesAlice(b), 10_000, 'b to see alice');
    const late = connect('user-42.library');
    await late.until(seesAlice(late), 10_000, 'a late joiner to see alice at once');
    a.provider.disconnect();
    await b.until(() => !b.awareness.getStates().has(aliceId), 10_000, 'alice to disappear');
    expect(b.awareness.getStates().has(aliceId)).toBe(false);
  }, 30_000);

  it('a busy room of 10 stock clients changing presence 10 times a second is never rate-limited (default limits)', async () => {
    const room = Array.from({ length: 10 }, () => connect('busy/room'));
    await Promise.all(room.map((client) => client.synced()));
    const rounds = 60;
    let round = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        round += 1;
        room.forEach((client) => client.awareness.setLocalStateField('cursor', round));
        if (round === rounds) {
          clearInterval(timer);
          resolve();
        }
      }, 100);
    });
    const seesEveryone = (client: StockClient) => () =>
      room.every(
        (peer) =>
          (client.awareness.getStates().get(peer.doc.clientID) as { cursor?: number } | undefined)?.cursor === rounds,
      );
    await Promise.all(room.map((client) => client.until(seesEveryone(client), 10_000, 'every peer at the last round')));
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).not.toMatch(/reason="(message_rate|awareness_rate|byte_rate)"/);
    expect(relay.logs.filter((line) => line.msg === 'connection refused')).toEqual([]);
  }, 30_000);
});
