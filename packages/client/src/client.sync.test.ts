import { describe, expect } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { sameState, synced, waitForHandle } from './fixtures/node-client.js';
import { createRelayTest } from './fixtures/relay-test.js';
import { covered, recordCommits } from './fixtures/recording-store.js';
import { createSocketSpy } from './fixtures/socket-spy.js';
import { createIndexedDbStoreProvider } from './indexeddb-store.js';

const test = createRelayTest();

describe('client against the real relay: open, load, sync, ack', () => {
  test('two clients converge and each reaches synced with no unsynced changes', async ({ client }) => {
    const a = client('alice').open('lib/basic');
    const b = client('bob').open('lib/basic');
    await a.whenLoaded;
    const highlight = a.model.highlights.create({ anchor: { kind: 'ref', ref: 'gen-1-1' }, color: 'yellow' });
    expect(a.unsyncedChanges).toBeGreaterThan(0);
    await synced(a);
    expect(a.unsyncedChanges).toBe(0);
    await waitForHandle(b, (h) => h.model.highlights.get(highlight.id) !== undefined, 'bob to see the highlight');
    await synced(b);
    expect(sameState(a.doc, b.doc)).toBe(true);
  });

  test('every local change is committed to IndexedDB before it goes out', async ({ client }) => {
    const { provider, committed } = recordCommits(createIndexedDbStoreProvider({ indexedDB: new IDBFactory() }));
    const spy = createSocketSpy();
    const violations: string[] = [];
    const offSpy = spy.onEvent(() => {
      const frame = spy.sent[spy.sent.length - 1];
      if (frame?.type !== 'sync-update' && frame?.type !== 'sync-step-2') return;
      if (!covered(committed, frame.update)) violations.push(frame.type);
    });
    const made = client('dana', { localStore: provider, WebSocket: spy.WebSocket });
    const handle = made.open('lib/ordering');
    await synced(handle);
    const note = handle.model.notes.create({ body: '' });
    for (const char of 'typed one key at a time')
      handle.model.notes.insertText(note.id, handle.model.notes.body(note.id).length, char);
    for (let index = 0; index < 20; index += 1)
      handle.model.highlights.create({ anchor: { kind: 'ref', ref: `r${index}` } });
    await synced(handle);
    offSpy();
    expect(spy.sent.filter((frame) => frame.type === 'sync-update').length).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });
  test('whenSynced waits for the next synced: after offline edits it resolves only once the relay stored them', async ({
    client,
    relay,
  }) => {
    const alice = client('erin');
    const handle = alice.open('lib/when-synced');
    const statuses: string[] = [];
    const counts: number[] = [];
    const mismatches: string[] = [];
    handle.on('status', (status) => {
      statuses.push(status);
      if (status !== handle.status) mismatches.push(`status event ${status} while status is ${handle.status}`);
    });
    handle.on('unsynced', (count) => {
      if (count === counts[counts.length - 1]) mismatches.push(`unsynced event repeats ${count}`);
      counts.push(count);
      if (count !== handle.unsyncedChanges)
        mismatches.push(`unsynced event ${count} while the count is ${handle.unsyncedChanges}`);
    });
    await handle.whenSynced;
    expect(statuses).toEqual(['connecting', 'connected', 'synced']);
    expect(handle.status).toBe('synced');
    alice.disconnect();
    const note = handle.model.notes.create({ body: 'written offline' });
    const seenAtResolve: Array<[string, number]> = [];
    const waiting = handle.whenSynced.then(() => seenAtResolve.push([handle.status, handle.unsyncedChanges]));
    expect(handle.status).toBe('offline');
    alice.connect();
    await waiting;
    expect(seenAtResolve).toEqual([['synced', 0]]);
    expect(statuses).toEqual(['connecting', 'connected', 'synced', 'offline', 'connecting', 'connected', 'synced']);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[counts.length - 1]).toBe(0);
    expect(mismatches).toEqual([]);
    const fresh = client('fred').open('lib/when-synced');
    await waitForHandle(
      fresh,
      (h) => h.model.notes.get(note.id)?.body === 'written offline',
      'the offline note on another client',
    );
  });
});
