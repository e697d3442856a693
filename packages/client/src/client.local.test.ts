import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { beforeUnloadGuard } from './before-unload-guard.js';
import type { Client } from './client.js';
import type { ClientOptions } from './client-options.js';
import type { ClientError } from './client-error.js';
import { nodeClient, waitForHandle } from './fixtures/node-client.js';
import { createIndexedDbStoreProvider } from './indexeddb-store.js';

// No relay here: these are the local-first parts. The URL points at a closed port.
const NO_RELAY = { url: 'ws://127.0.0.1:9' };

describe('local first without a relay', () => {
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  const client = (options: Partial<ClientOptions> = {}, id = 'alice'): Client => {
    const made = nodeClient(NO_RELAY, { id, name: 'Alice' }, { backoff: { initialMs: 60_000 }, ...options });
    clients.push(made);
    return made;
  };

  it('whenLoaded resolves from local data alone and several documents are open at once', async () => {
    const browser = new IDBFactory();
    const first = client({ indexedDB: browser });
    const library = first.open('user-42.library');
    const band = first.open('band-7/setlists');
    expect(first.open('band-7/setlists')).toBe(band);
    library.model.highlights.create({ anchor: { kind: 'ref', ref: 'ps-1' } });
    band.model.notes.create({ body: 'band note' });
    await Promise.all([library.whenLoaded, band.whenLoaded]);
    expect(first.unsyncedChanges).toBe(library.unsyncedChanges + band.unsyncedChanges);
    await first.close();

    const second = client({ indexedDB: browser });
    const [libraryAgain, bandAgain] = [second.open('user-42.library'), second.open('band-7/setlists')];
    await Promise.all([libraryAgain.whenLoaded, bandAgain.whenLoaded]);
    expect(libraryAgain.model.highlights.list()).toHaveLength(1);
    expect(bandAgain.model.notes.list().map((note) => note.body)).toEqual(['band note']);
    expect(libraryAgain.unsyncedChanges).toBeGreaterThan(0);
    expect(libraryAgain.status).not.toBe('synced');
  });

  it('reads data written by y-indexeddb and writes data y-indexeddb reads (same layout)', async () => {
    const browser = new IDBFactory();
    const globals = globalThis as { indexedDB?: unknown; IDBKeyRange?: unknown };
    const saved = { indexedDB: globals.indexedDB, IDBKeyRange: globals.IDBKeyRange };
    Object.assign(globals, { indexedDB: browser, IDBKeyRange });
    try {
      const theirs = new Y.Doc();
      const persistence = new IndexeddbPersistence('marginalia:doc/interop', theirs);
      await persistence.whenSynced;
      theirs.getMap('meta').set('from', 'y-indexeddb');
      await persistence.destroy();

      const c = client({ indexedDB: browser });
      const handle = c.open('doc/interop');
      await handle.whenLoaded;
      expect(handle.doc.getMap('meta').get('from')).toBe('y-indexeddb');
      expect(handle.unsyncedChanges).toBe(0); // not the user's own edits; still not 'synced' until the relay has them
      expect(handle.status).not.toBe('synced');
      handle.doc.getMap('meta').set('back', 'marginalia');
      await c.close();

      const reader = new Y.Doc();
      const again = new IndexeddbPersistence('marginalia:doc/interop', reader);
      await again.whenSynced;
      expect(reader.getMap('meta').toJSON()).toEqual({ from: 'y-indexeddb', back: 'marginalia' });
      await again.destroy();
    } finally {
      Object.assign(globals, saved);
    }
  });

  it('surfaces a corrupt stored row as a typed error and loads the rest', async () => {
    const browser = new IDBFactory();
    const provider = createIndexedDbStoreProvider({ indexedDB: browser });
    const good = new Y.Doc();
    good.getMap('meta').set('ok', true);
    const store = provider.open('doc/corrupt');
    await store.append(Y.encodeStateAsUpdate(good));
    await store.append(Uint8Array.of(0xff, 0xff, 0xff, 0x01));
    await store.close();

    const errors: ClientError[] = [];
    const c = client({ indexedDB: browser });
    c.on('error', (error) => errors.push(error));
    const handle = c.open('doc/corrupt');
    await handle.whenLoaded;
    expect(handle.doc.getMap('meta').get('ok')).toBe(true);
    expect(errors.map((error) => error.code)).toContain('local_store_corrupt');
  });

  it('a full disk surfaces as a local_store_quota error event, never silently', async () => {
    const c = client();
    const errors: ClientError[] = [];
    c.on('error', (error) => errors.push(error));
    const handle = c.open('doc/quota');
    await handle.whenLoaded;
    const originalAdd = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function add() {
      throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
    };
    try {
      const seen: ClientError[] = [];
      handle.on('error', (error) => seen.push(error));
      handle.model.notes.create({ body: 'does not fit' });
      await waitForHandle(handle, () => seen.length > 0, 'the quota error');
      expect(seen[0]?.code).toBe('local_store_quota');
      expect(errors.map((error) => error.code)).toContain('local_store_quota');
    } finally {
      IDBObjectStore.prototype.add = originalAdd;
    }
  });

  it('merges the local log every few writes without losing anything; reopening after close gives a new handle', async () => {
    const browser = new IDBFactory();
    const c = client({ indexedDB: browser, compactEvery: 5 });
    const handle = c.open('doc/compact');
    await handle.whenLoaded;
    for (let index = 0; index < 23; index += 1)
      handle.model.highlights.create({ anchor: { kind: 'ref', ref: `v${index}` } });
    const closing = handle.close();
    const reopened = c.open('doc/compact');
    expect(reopened).not.toBe(handle);
    await closing;
    await reopened.whenLoaded;
    expect(reopened.model.highlights.list()).toHaveLength(23);
    const rows = (await createIndexedDbStoreProvider({ indexedDB: browser }).open('doc/compact').load()).updates.length;
    expect(rows).toBeLessThan(23);
    await c.close();
    expect(() => c.open('doc/compact')).toThrow(/closed/);
  });

  it('beforeUnloadGuard warns only while changes are unconfirmed', async () => {
    const handle = client().open('doc/guard');
    const target = new EventTarget();
    const remove = beforeUnloadGuard(handle, target);
    const fire = (): boolean => {
      const event = new Event('beforeunload', { cancelable: true });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(fire()).toBe(false);
    handle.model.highlights.create({ anchor: { kind: 'ref', ref: 'x' } });
    expect(fire()).toBe(true);
    remove();
    expect(fire()).toBe(false);
  });

  it('clearLocalData closes the handle and removes the local copy', async () => {
    const browser = new IDBFactory();
    const c = client({ indexedDB: browser });
    const handle = c.open('doc/clear');
    handle.model.notes.create({ body: 'to be forgotten' });
    await handle.whenLoaded;
    await c.clearLocalData('doc/clear');
    await expect(handle.whenSynced).rejects.toMatchObject({ code: 'closed' });
    const again = c.open('doc/clear');
    await again.whenLoaded;
    expect(again.model.notes.list()).toEqual([]);
    expect(again.unsyncedChanges).toBe(0);
  });
  it('counts opens: a document stays open until every opener closed it; clearLocalData closes it for all', async () => {
    const browser = new IDBFactory();
    const c = client({ indexedDB: browser });
    const first = c.open('doc/shared');
    const second = c.open('doc/shared');
    expect(second).toBe(first);
    await first.whenLoaded;
    await second.close();
    expect(c.docs).toEqual([first]);
    const note = first.model.notes.create({ body: 'still open for the first opener' });
    await first.close();
    expect(c.docs).toEqual([]);
    await expect(first.whenSynced).rejects.toMatchObject({ code: 'closed' });
    await first.close();

    const again = c.open('doc/shared');
    expect(again).not.toBe(first);
    await again.whenLoaded;
    expect(again.model.notes.get(note.id)?.body).toBe('still open for the first opener');
    c.open('doc/shared');
    await c.clearLocalData('doc/shared');
    await expect(again.whenSynced).rejects.toMatchObject({ code: 'closed' });
    expect(c.docs).toEqual([]);
  });
  it('clearLocalData blocked by another open connection (an old tab) reports local_store_blocked on the client, then deletes', async () => {
    const browser = new IDBFactory();
    const c = client({ indexedDB: browser });
    const handle = c.open('doc/blocked-clear');
    handle.model.notes.create({ body: 'to be deleted' });
    await handle.whenLoaded;
    const oldTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = browser.open('marginalia:doc/blocked-clear');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const errors: Array<[string, string]> = [];
    c.on('error', (error, docName) => {
      errors.push([error.code, docName]);
      oldTab.close();
    });
    await c.clearLocalData('doc/blocked-clear');
    expect(errors).toEqual([['local_store_blocked', 'doc/blocked-clear']]);
    const again = c.open('doc/blocked-clear');
    await again.whenLoaded;
    expect(again.model.notes.list()).toEqual([]);
  });
});
