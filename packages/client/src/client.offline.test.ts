import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelayProcess, waitUntil, type RelayProcess } from '@marginalia/testkit';
import { HIGHLIGHT_COLORS } from '@marginalia/model';
import type { Client } from './client.js';
import type { ClientOptions } from './client-options.js';
import { nodeClient, sameState, synced, waitForHandle } from './fixtures/node-client.js';
import { crash, freeze, restartRelay, thaw } from './fixtures/relay.js';
import { createSocketSpy } from './fixtures/socket-spy.js';

const fast: Partial<ClientOptions> = { backoff: { initialMs: 50, maxMs: 400 } };

describe('offline first against the real relay', () => {
  const relays: RelayProcess[] = [];
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    for (const relay of relays.splice(0)) if (relay.running()) await relay.stop();
  });
  const start = async (existing?: RelayProcess): Promise<RelayProcess> => {
    const relay = existing === undefined ? await startRelayProcess() : await restartRelay(existing);
    relays.push(relay);
    return relay;
  };
  const client = (relay: RelayProcess, id: string, options: Partial<ClientOptions> = {}): Client => {
    const made = nodeClient(relay, { id, name: id[0]?.toUpperCase() + id.slice(1) }, { ...fast, ...options });
    clients.push(made);
    return made;
  };

  it('A offline (200 highlight edits, typing) and B online (same note, recolor) converge with every word and both changes', async () => {
    const relay = await start();
    const alice = client(relay, 'alice');
    const bob = client(relay, 'bob');
    const a = alice.open('band-7/setlists');
    const b = bob.open('band-7/setlists');
    const shared = a.model.highlights.create({ anchor: { kind: 'ref', ref: 'song-1' }, color: 'yellow' });
    const note = a.model.notes.create({ body: 'Intro' });
    await synced(a);
    await waitForHandle(
      b,
      (h) => h.model.notes.get(note.id) !== undefined && h.model.highlights.has(shared.id),
      'bob to see the note',
    );

    alice.disconnect();
    await waitForHandle(a, (h) => h.status === 'offline', 'alice offline');
    const created: string[] = [];
    for (let index = 0; index < 150; index += 1) {
      created.push(
        a.model.highlights.create({ anchor: { kind: 'ref', ref: `song-${index}`, start: index, end: index + 3 } }).id,
      );
    }
    for (let index = 0; index < 49; index += 1) {
      a.model.highlights.update(created[index] as string, { color: HIGHLIGHT_COLORS[index % HIGHLIGHT_COLORS.length] });
    }
    a.model.highlights.update(shared.id, { noteId: note.id });
    const aliceWords = ' alice wrote this offline';
    for (const char of aliceWords) a.model.notes.insertText(note.id, a.model.notes.body(note.id).length, char);
    expect(a.unsyncedChanges).toBeGreaterThan(200);
    expect(a.status).toBe('offline');

    b.model.notes.insertText(note.id, 0, 'Bob says hi. ');
    b.model.highlights.update(shared.id, { color: 'green' });
    await synced(b);

    alice.connect();
    await synced(a);
    await waitForHandle(b, (h) => sameState(h.doc, a.doc), 'bob to converge with alice');
    expect(a.unsyncedChanges).toBe(0);
    for (const doc of [a, b]) {
      const body = doc.model.notes.get(note.id)?.body ?? '';
      for (const word of ['Bob', 'says', 'hi.', 'Intro', 'alice', 'wrote', 'this', 'offline'])
        expect(body).toContain(word);
      expect(doc.model.highlights.get(shared.id)).toMatchObject({ color: 'green', noteId: note.id });
      expect(doc.model.highlights.list()).toHaveLength(151);
      expect(doc.model.highlights.get(created[10] as string)?.color).toBe(
        HIGHLIGHT_COLORS[10 % HIGHLIGHT_COLORS.length],
      );
    }
  });

  it('reload while the relay is down shows all local data; when it comes back the new instance syncs', async () => {
    let relay = await start();
    const browser = new IDBFactory();
    const first = client(relay, 'alice', { indexedDB: browser });
    const before = first.open('user-42.library');
    const kept = before.model.highlights.create({ anchor: { kind: 'ref', ref: 'ps-23' }, color: 'blue' });
    await synced(before);
    await relay.stop();
    await waitForHandle(
      before,
      (h) => h.status !== 'synced' && h.status !== 'connected',
      'alice to notice the relay is gone',
    );
    const offline = before.model.notes.create({ body: 'written while the relay was down' });
    expect(before.unsyncedChanges).toBeGreaterThan(0);
    await first.close();

    const reloaded = client(relay, 'alice', { indexedDB: browser });
    const after = reloaded.open('user-42.library');
    await after.whenLoaded;
    expect(after.model.highlights.get(kept.id)?.color).toBe('blue');
    expect(after.model.notes.get(offline.id)?.body).toBe('written while the relay was down');
    expect(after.unsyncedChanges).toBeGreaterThan(0);
    expect(after.status).not.toBe('synced');

    relay = await start(relay);
    await synced(after);
    const fresh = client(relay, 'carol').open('user-42.library');
    await waitForHandle(
      fresh,
      (h) => h.model.notes.get(offline.id)?.body === 'written while the relay was down',
      'a fresh client to get the offline note',
    );
    expect(fresh.model.highlights.get(kept.id)?.color).toBe('blue');
  });

  it('unsyncedChanges stays above 0 until the relay acknowledged storage, also across a SIGKILL before the ack', async () => {
    let relay = await start();
    const spy = createSocketSpy();
    const alice = client(relay, 'alice', { WebSocket: spy.WebSocket });
    const a = alice.open('ack/doc');
    await synced(a);

    alice.disconnect();
    a.model.highlights.create({ anchor: { kind: 'ref', ref: 'offline-1' } });
    expect(a.unsyncedChanges).toBeGreaterThan(0);
    alice.connect();
    await synced(a);
    expect(a.unsyncedChanges).toBe(0);

    freeze(relay);
    const seen: number[] = [];
    a.on('unsynced', (count) => seen.push(count));
    const sentBefore = spy.sent.length;
    const unacked = a.model.notes.create({ body: 'sent but never acknowledged' });
    await waitUntil(() => spy.sent.slice(sentBefore).some((f) => f.type === 'sync-update'), spy.onEvent, {
      what: 'the update to be sent',
    });
    expect(a.unsyncedChanges).toBeGreaterThan(0);
    await crash(relay);
    await waitForHandle(
      a,
      (h) => h.status === 'offline' || h.status === 'connecting',
      'alice to lose the killed relay',
    );
    expect(a.unsyncedChanges).toBeGreaterThan(0);
    expect(seen.includes(0)).toBe(false);

    relay = await start(relay);
    await synced(a);
    expect(a.unsyncedChanges).toBe(0);
    const fresh = client(relay, 'carol').open('ack/doc');
    await waitForHandle(
      fresh,
      (h) => h.model.notes.get(unacked.id)?.body === 'sent but never acknowledged',
      'the unacked note on a fresh client',
    );
    expect(fresh.model.highlights.list().map((h) => h.anchor)).toContainEqual(
      expect.objectContaining({ ref: 'offline-1' }),
    );
  });

  it('counts as unsynced what was sent but not yet acknowledged, and drops to 0 with the ack', async () => {
    const relay = await start();
    const spy = createSocketSpy();
    const a = client(relay, 'alice', { WebSocket: spy.WebSocket }).open('ack/frozen');
    await synced(a);
    const frozen = freeze(relay);
    const sentBefore = spy.sent.length;
    a.model.highlights.create({ anchor: { kind: 'ref', ref: 'while-frozen' } });
    await waitUntil(() => spy.sent.slice(sentBefore).some((f) => f.type === 'sync-update'), spy.onEvent, {
      what: 'the update to be sent',
    });
    expect(a.unsyncedChanges).toBeGreaterThan(0);
    expect(a.status).toBe('connected');
    thaw(frozen);
    await synced(a);
    expect(a.unsyncedChanges).toBe(0);
  });
  it('a long offline gap with a relay SIGKILLed and restarted meanwhile: reconnecting does a full step 1/2 exchange and both sides converge', async () => {
    let relay = await start();
    const spy = createSocketSpy();
    const alice = client(relay, 'alice', { WebSocket: spy.WebSocket });
    const a = alice.open('band-7/long-gap');
    const b = client(relay, 'bob').open('band-7/long-gap');
    const early = a.model.notes.create({ body: 'before the gap' });
    await synced(a);
    await waitForHandle(b, (h) => h.model.notes.has(early.id), 'bob to get the early note');

    alice.disconnect();
    await waitForHandle(a, (h) => h.status === 'offline', 'alice offline');
    const offline = Array.from(
      { length: 20 },
      (_, index) => a.model.highlights.create({ anchor: { kind: 'ref', ref: `gap-${index}` } }).id,
    );
    a.model.notes.insertText(early.id, 0, 'Alice, offline: ');
    const bobs = b.model.highlights.create({ anchor: { kind: 'ref', ref: 'bob-during-gap' }, color: 'green' });
    await synced(b);
    await crash(relay);
    relay = await start(relay);
    await synced(b);

    const sentBefore = spy.sent.length;
    const attemptsBefore = spy.attempts;
    alice.connect();
    await synced(a);
    const frames = spy.sent
      .slice(sentBefore)
      .map((frame) => frame.type)
      .filter((type) => type.startsWith('sync-'));
    expect(spy.attempts).toBe(attemptsBefore + 1);
    expect(frames[0]).toBe('sync-step-1');
    expect(frames).toContain('sync-step-2');
    expect(a.model.highlights.get(bobs.id)?.color).toBe('green');
    await waitForHandle(b, (h) => sameState(h.doc, a.doc), 'bob to converge with alice');
    const fresh = client(relay, 'carol').open('band-7/long-gap');
    await waitForHandle(fresh, (h) => sameState(h.doc, a.doc), 'a fresh client with empty storage to have everything');
    expect(offline.every((id) => fresh.model.highlights.has(id))).toBe(true);
    expect(fresh.model.notes.get(early.id)?.body).toBe('Alice, offline: before the gap');
  });

  it('a relay that stops answering (SIGSTOP): the silent socket and the hanging attempts are given up, and it resyncs when it answers again', async () => {
    const relay = await start();
    const spy = createSocketSpy();
    const alice = client(relay, 'alice', {
      WebSocket: spy.WebSocket,
      staleAfterMs: 1000,
      resyncIntervalMs: 300,
      connectTimeoutMs: 1000,
    });
    const a = alice.open('lib/frozen-relay');
    await synced(a);
    const frozen = freeze(relay);
    let thawed = false;
    try {
      const note = a.model.notes.create({ body: 'written while the relay hangs' });
      const attemptsBefore = spy.attempts;
      await waitForHandle(
        a,
        () => spy.attempts >= attemptsBefore + 2 && a.status !== 'synced',
        'a reconnect after the silence, then another after a hanging attempt',
      );
      expect(a.unsyncedChanges).toBeGreaterThan(0);
      thaw(frozen);
      thawed = true;
      await synced(a);
      const fresh = client(relay, 'carol').open('lib/frozen-relay');
      await waitForHandle(
        fresh,
        (h) => h.model.notes.get(note.id)?.body === 'written while the relay hangs',
        'the note on a fresh client',
      );
    } finally {
      if (!thawed) thaw(frozen);
    }
  });
});
