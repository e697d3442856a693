import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, encodeSyncStep2, encodeSyncUpdate, type Frame } from '@marginalia/protocol';
import { forgeDeletion, forgeDeletions, forgeGc, forgeItems } from '@marginalia/testkit';
import type { DocumentStore } from '../ports/document-store.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { connectFake, recordingStore, storedDoc, type FakeSocket } from '../fixtures/core-harness.js';
import { isRelayError } from './relay-error.js';
import { createRelayCore } from './relay-core.js';

const isUpdate = (f: Frame): f is Extract<Frame, { type: 'sync-update' }> => f.type === 'sync-update';

/** A user's editor: a Y.Doc whose changes are sent over its own connection. */
function writer(core: ReturnType<typeof createRelayCore>, userId: string | undefined, doc = new Y.Doc()) {
  const socket = connectFake(core, { docName: 'doc', ...(userId === undefined ? {} : { userId }) });
  const edit = (change: (doc: Y.Doc) => void): Uint8Array => {
    let update: Uint8Array | undefined;
    const capture = (u: Uint8Array): void => void (update = u);
    doc.on('update', capture);
    doc.transact(() => change(doc));
    doc.off('update', capture);
    socket.send(encodeSyncUpdate(update!));
    return update!;
  };
  return { doc, socket, edit };
}

const typed = (doc: Y.Doc, text: string): void => doc.getText('t').insert(doc.getText('t').length, text);

async function acked(socket: FakeSocket, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (socket.ackedCount() < count) {
    if (socket.closed !== undefined) throw new Error(`closed ${JSON.stringify(socket.closed)}`);
    if (Date.now() > deadline) throw new Error(`no ack ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function setup(store: DocumentStore = createMemoryStore()) {
  const recording = recordingStore(store);
  return { store: recording, core: createRelayCore({ store: recording, persistWindowMs: 0 }) };
}

describe('client id ownership (auth on: connections with a user)', () => {
  it("records the first writer of a client id; items forged at the owner's next clock get 4403 and are never stored", async () => {
    const { store, core } = setup();
    const ana = writer(core, 'ana');
    ana.edit((doc) => typed(doc, 'ana wrote this'));
    await acked(ana.socket, 1);
    expect(await store.loadClientOwners('doc')).toEqual(new Map([[ana.doc.clientID, 'ana']]));

    const bob = writer(core, 'bob');
    const forged = forgeItems(Y.encodeStateAsUpdate(ana.doc), ana.doc.clientID, (doc) => typed(doc, ' FORGED'));
    bob.socket.send(encodeSyncUpdate(forged));
    expect(await bob.socket.whenClosed()).toEqual({
      code: CloseCode.Forbidden,
      reason: 'writes under a client id that is not yours',
    });
    expect(core.metrics.refusals.get({ reason: 'foreign_client_id' })).toBe(1);

    // Ana's own next edit (at the clocks Bob tried) still lands.
    ana.edit((doc) => typed(doc, ', then more'));
    await acked(ana.socket, 2);
    expect((await storedDoc(store, 'doc')).getText('t').toString()).toBe('ana wrote this, then more');
    expect(ana.socket.frames.filter(isUpdate)).toEqual([]);
  });

  it("a GC struct over the owner's next clocks, and a deletion of clocks the owner has not written yet, get 4403", async () => {
    const { store, core } = setup();
    const ana = writer(core, 'ana');
    ana.edit((doc) => typed(doc, 'abc'));
    await acked(ana.socket, 1);
    const next = Y.getState(ana.doc.store, ana.doc.clientID);
    for (const forged of [forgeGc(ana.doc.clientID, next, 50), forgeDeletion(ana.doc.clientID, next, 50)]) {
      const bob = writer(core, 'bob');
      bob.socket.send(encodeSyncUpdate(forged));
      expect((await bob.socket.whenClosed()).code).toBe(CloseCode.Forbidden);
    }
    ana.edit((doc) => typed(doc, 'def'));
    await acked(ana.socket, 2);
    expect((await storedDoc(store, 'doc')).getText('t').toString()).toBe('abcdef');
  });

  it("deleting another user's items is an ordinary edit, and so is re-sending structs the relay already holds", async () => {
    const { store, core } = setup();
    const ana = writer(core, 'ana');
    ana.edit((doc) => typed(doc, 'hello world'));
    await acked(ana.socket, 1);
    const bobDoc = new Y.Doc();
    Y.applyUpdate(bobDoc, Y.encodeStateAsUpdate(ana.doc));
    const bob = writer(core, 'bob', bobDoc);
    // A client's sync step 2 carries everything it holds that the relay lacks, computed from the
    // relay's state vector; one that holds Ana's items (e.g. from its local store) may send them again.
    bob.socket.send(encodeSyncStep2(Y.encodeStateAsUpdate(bobDoc)));
    bob.edit((doc) => doc.getText('t').delete(0, 6));
    bob.edit((doc) => doc.getText('t').insert(0, 'bob: '));
    await acked(bob.socket, 3);
    expect((await storedDoc(store, 'doc')).getText('t').toString()).toBe('bob: world');
    expect(await store.loadClientOwners('doc')).toEqual(
      new Map([
        [ana.doc.clientID, 'ana'],
        [bobDoc.clientID, 'bob'],
      ]),
    );
  });

  it('deletions past what nobody has written are refused and claim nothing; an owner may delete its own next clocks', async () => {
    const { store, core } = setup();
    const bob = writer(core, 'bob');
    const fresh = Array.from({ length: 50 }, (_, i) => 900_000 + i);
    bob.socket.send(encodeSyncUpdate(forgeDeletions(fresh.map((clientId) => ({ clientId, clock: 0, length: 10 })))));
    expect((await bob.socket.whenClosed()).code).toBe(CloseCode.Forbidden);
    expect(await store.loadClientOwners('doc')).toEqual(new Map());

    // The owner may (her deletion is held until those clocks arrive, then applies to them).
    const ana = writer(core, 'ana');
    ana.edit((doc) => typed(doc, 'abc'));
    await acked(ana.socket, 1);
    ana.socket.send(encodeSyncUpdate(forgeDeletion(ana.doc.clientID, 3, 5)));
    ana.edit((doc) => typed(doc, 'defgh'));
    await acked(ana.socket, 3);
    expect((await storedDoc(store, 'doc')).getText('t').toString()).toBe('abc');
  });

  it('updates sent while a fresh client id is being claimed apply after it, in order, and are acknowledged', async () => {
    const memory = createMemoryStore();
    let releaseClaim = (): void => undefined;
    const stalled = new Promise<void>((resolve) => (releaseClaim = resolve));
    const { store, core } = setup({
      ...memory,
      async claimClientIds(docName, userId, ids) {
        await stalled;
        return memory.claimClientIds(docName, userId, ids);
      },
    });
    const ana = writer(core, 'ana');
    for (const part of ['one ', 'two ', 'three']) ana.edit((doc) => typed(doc, part));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.appends).toEqual([]);
    releaseClaim();
    await acked(ana.socket, 3);
    expect((await storedDoc(store, 'doc')).getText('t').toString()).toBe('one two three');
  });

  it('shutdown waits for a claim in flight and stores what it held back', async () => {
    const memory = createMemoryStore();
    let releaseClaim = (): void => undefined;
    const stalled = new Promise<void>((resolve) => (releaseClaim = resolve));
    const { store, core } = setup({
      ...memory,
      async claimClientIds(docName, userId, ids) {
        await stalled;
        return memory.claimClientIds(docName, userId, ids);
      },
    });
    const ana = writer(core, 'ana');
    ana.edit((doc) => typed(doc, 'typed before shutdown'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    let closed = false;
    const closing = core.close().then(() => void (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    releaseClaim();
    await closing;
    expect((await storedDoc(memory, 'doc')).getText('t').toString()).toBe('typed before shutdown');
    expect(store.appends).not.toEqual([]);
  });

  it('two users first-writing the same fresh client id at once: the store decides, only the winner is stored', async () => {
    const { store, core } = setup();
    const clientId = 123456;
    const ana = writer(core, 'ana', Object.assign(new Y.Doc(), { clientID: clientId }));
    const bob = writer(core, 'bob', Object.assign(new Y.Doc(), { clientID: clientId }));
    ana.edit((doc) => typed(doc, 'by ana'));
    bob.edit((doc) => typed(doc, 'by bob'));
    const winner = await new Promise<string>((resolve, reject) => {
      const poll = (): void => {
        if (ana.socket.closed !== undefined && bob.socket.closed === undefined) resolve('bob');
        else if (bob.socket.closed !== undefined && ana.socket.closed === undefined) resolve('ana');
        else if (ana.socket.closed !== undefined) reject(new Error('both closed'));
        else setTimeout(poll, 5);
      };
      poll();
    });
    const loser = winner === 'ana' ? bob : ana;
    expect(loser.socket.closed?.code).toBe(CloseCode.Forbidden);
    await acked((winner === 'ana' ? ana : bob).socket, 1);
    expect(await store.loadClientOwners('doc')).toEqual(new Map([[clientId, winner]]));
    expect((await storedDoc(store, 'doc')).getText('t').toString()).toBe(`by ${winner}`);
  });

  it('a relay whose copy of the owners is older than the store still refuses: the durable record decides', async () => {
    const shared = createMemoryStore();
    const one = setup(shared);
    const two = setup(shared);
    const early = writer(two.core, 'cy');
    early.edit((doc) => typed(doc, '.'));
    await acked(early.socket, 1);
    // Relay two has the doc loaded; Ana now claims her id through relay one.
    const ana = writer(one.core, 'ana');
    ana.edit((doc) => typed(doc, 'ana'));
    await acked(ana.socket, 1);
    const bob = writer(two.core, 'bob');
    bob.socket.send(encodeSyncUpdate(forgeGc(ana.doc.clientID, 0, 3)));
    expect((await bob.socket.whenClosed()).code).toBe(CloseCode.Forbidden);
    expect((await storedDoc(shared, 'doc')).getText('t').toString()).toContain('ana');
  });

  it("HTTP updates under another user's client id are refused (foreign_client_id) and not stored", async () => {
    const { store, core } = setup();
    const ana = writer(core, 'ana');
    ana.edit((doc) => typed(doc, 'ana'));
    await acked(ana.socket, 1);
    const rows = (await store.load('doc')).length;
    const error = await core
      .applyUpdate('doc', forgeGc(ana.doc.clientID, 3, 10), 'bob')
      .catch((reason: unknown) => reason);
    expect(isRelayError(error) && error.code).toBe('foreign_client_id');
    expect((await store.load('doc')).length).toBe(rows);
    const own = forgeItems(Y.encodeStateAsUpdate(ana.doc), ana.doc.clientID, (doc) => typed(doc, '!'));
    await expect(core.applyUpdate('doc', own, 'ana')).resolves.toBe('durable');
  });

  it('a claim the store cannot record closes the connection with 1011 and stores nothing', async () => {
    const memory = createMemoryStore();
    const { store, core } = setup({
      ...memory,
      claimClientIds: () => Promise.reject(new Error('disk on fire')),
    });
    const ana = writer(core, 'ana');
    ana.edit((doc) => typed(doc, 'lost?'));
    expect((await ana.socket.whenClosed()).code).toBe(CloseCode.Internal);
    expect(await store.load('doc')).toEqual([]);
  });

  it('an update the document limits refuse claims none of its fresh client ids (socket and HTTP)', async () => {
    const store = recordingStore(createMemoryStore());
    const core = createRelayCore({ store, persistWindowMs: 0, maxDocBytes: 200 });
    const eve = writer(core, 'eve');
    eve.edit((doc) => typed(doc, 'x'.repeat(500)));
    expect(await eve.socket.whenClosed()).toMatchObject({ code: CloseCode.TooLarge });
    const big = new Y.Doc();
    typed(big, 'y'.repeat(500));
    const error = await core.applyUpdate('doc', Y.encodeStateAsUpdate(big), 'eve').catch((reason: unknown) => reason);
    expect(isRelayError(error) && error.code).toBe('doc_too_large');
    expect(await store.loadClientOwners('doc')).toEqual(new Map());
    expect(await store.load('doc')).toEqual([]);

    // A fitting update from the same user still claims its client id.
    const ana = writer(core, 'eve');
    ana.edit((doc) => typed(doc, 'fits'));
    await acked(ana.socket, 1);
    expect(await store.loadClientOwners('doc')).toEqual(new Map([[ana.doc.clientID, 'eve']]));
  });

  it('open mode (no user): nothing is checked or recorded', async () => {
    const { store, core } = setup();
    const ana = writer(core, undefined);
    ana.edit((doc) => typed(doc, 'abc'));
    await acked(ana.socket, 1);
    const other = writer(core, undefined);
    other.socket.send(encodeSyncUpdate(forgeGc(ana.doc.clientID, 3, 5)));
    await acked(other.socket, 1);
    expect(await store.loadClientOwners('doc')).toEqual(new Map());
  });
});
