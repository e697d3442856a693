import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep2, encodeSyncUpdate, type Frame } from '@marginalia/protocol';
import { createMemoryStore } from '../storage/memory-store.js';
import { connectFake, recordingStore, requestSync, storedDoc } from '../fixtures/core-harness.js';
import { createRelayCore } from './relay-core.js';

// A stock y-websocket client that types right after reconnecting sends that update before its offline
// backlog (which goes in its sync step 2); if it loses the connection in between, the update stays
// pending while the room is loaded. The relay used to acknowledge nobody's writes on the doc meanwhile
// (found while chasing an ack stall in the client's relay convergence fuzz).

const isStep2 = (f: Frame): f is Extract<Frame, { type: 'sync-step-2' }> => f.type === 'sync-step-2';
const ack =
  (count: number) =>
  (f: Frame): f is Frame =>
    f.type === 'durable-ack' && f.count === count;

/** Two updates of one replica: the second depends on the first. */
function dependentPair(): { first: Uint8Array; second: Uint8Array } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getText('t').insert(0, 'offline edit');
  doc.getText('t').insert(0, 'typed after reconnecting ');
  return { first: updates[0]!, second: updates[1]! };
}

function independentUpdate(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, 1);
  return Y.encodeStateAsUpdate(doc);
}

describe('relay core: acks while another connection holds content pending', () => {
  it('acknowledges independent updates although a gone connection left an update pending', async () => {
    const core = createRelayCore({ store: createMemoryStore() });
    const watcher = connectFake(core, { docName: 'doc', wantsAcks: false });
    requestSync(watcher);
    await watcher.next(isStep2);
    const stock = connectFake(core, { docName: 'doc', wantsAcks: false });
    const { first, second } = dependentPair();
    stock.send(encodeSyncUpdate(second));
    stock.disconnect();

    const writer = connectFake(core, { docName: 'doc' });
    writer.send(encodeSyncUpdate(independentUpdate('a')));
    writer.send(encodeSyncUpdate(independentUpdate('b')));
    await writer.next(ack(2));
    expect(await core.readDoc('doc', (doc) => doc.store.pendingStructs !== null)).toBe(true);

    // The dependency arrives later (the stock client is back): its content integrates, acks go on.
    const back = connectFake(core, { docName: 'doc', wantsAcks: true });
    back.send(encodeSyncUpdate(first));
    await back.next(ack(1));
    expect(await core.readDoc('doc', (doc) => doc.getText('t').toString())).toBe(
      'typed after reconnecting offline edit',
    );
    await core.close();
  });

  it('still holds back the ack of a connection whose own update is pending, and sends it once resolved by anyone', async () => {
    const core = createRelayCore({ store: createMemoryStore() });
    const writer = connectFake(core, { docName: 'doc' });
    const { first, second } = dependentPair();
    writer.send(encodeSyncUpdate(independentUpdate('a')));
    await writer.next(ack(1));
    writer.send(encodeSyncUpdate(second));
    writer.send(encodeSyncUpdate(independentUpdate('b')));
    const other = connectFake(core, { docName: 'doc' });
    other.send(encodeSyncUpdate(independentUpdate('c')));
    await other.next(ack(1));
    expect(writer.ackedCount()).toBe(1);

    other.send(encodeSyncUpdate(first));
    await other.next(ack(2));
    await writer.next(ack(3));
    await core.close();
  });

  it('answers an independent HTTP write as durable while another update is pending', async () => {
    const core = createRelayCore({ store: createMemoryStore() });
    const watcher = connectFake(core, { docName: 'doc', wantsAcks: false });
    requestSync(watcher);
    await watcher.next(isStep2);
    watcher.send(encodeSyncUpdate(dependentPair().second));
    expect(await core.applyUpdate('doc', independentUpdate('a'))).toBe('durable');
    expect(await core.applyUpdate('doc', dependentPair().second)).toBe('pending');
    await core.close();
  });

  it('serves no pending content in sync step 2: a client would send it back and never be acknowledged', async () => {
    const core = createRelayCore({ store: createMemoryStore() });
    const watcher = connectFake(core, { docName: 'doc', wantsAcks: false });
    requestSync(watcher);
    await watcher.next(isStep2);
    watcher.send(encodeSyncUpdate(dependentPair().second));

    const writer = connectFake(core, { docName: 'doc' });
    const local = new Y.Doc();
    local.getMap('m').set('mine', 1);
    requestSync(writer, local);
    Y.applyUpdate(local, (await writer.next(isStep2)).update);
    expect(local.store.pendingStructs).toBeNull();
    // The client's answer to the relay's step 1: everything the relay lacks (as the client knows it).
    const relayVector = (
      await writer.next((f): f is Extract<Frame, { type: 'sync-step-1' }> => f.type === 'sync-step-1')
    ).stateVector;
    writer.send(encodeSyncStep2(Y.encodeStateAsUpdate(local, relayVector)));
    await writer.next(ack(1));
    await core.close();
  });

  it('stores no pending content when it compacts the log', async () => {
    const store = recordingStore(createMemoryStore());
    const core = createRelayCore({ store, compaction: { maxRows: 1 } });
    const writer = connectFake(core, { docName: 'doc' });
    writer.send(encodeSyncUpdate(dependentPair().second));
    for (const key of ['a', 'b', 'c']) writer.send(encodeSyncUpdate(independentUpdate(key)));
    const other = connectFake(core, { docName: 'doc' });
    other.send(encodeSyncUpdate(independentUpdate('d')));
    await other.next(ack(1));
    await core.close();
    expect(store.compactions.length).toBeGreaterThan(0);
    const stored = await storedDoc(store, 'doc');
    expect(stored.store.pendingStructs).toBeNull();
    expect(stored.getMap('m').toJSON()).toEqual({ a: 1, b: 1, c: 1, d: 1 });
  });
});
