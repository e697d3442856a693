import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientError } from './client-error.js';
import { toStoreError } from './idb-request.js';
import { createIndexedDbStoreProvider } from './indexeddb-store.js';

describe('IndexedDB store errors', () => {
  const originalAdd = IDBObjectStore.prototype.add;
  afterEach(() => {
    IDBObjectStore.prototype.add = originalAdd;
  });

  it('maps DOMExceptions to typed codes', () => {
    expect(toStoreError(new DOMException('full', 'QuotaExceededError'), 'append').code).toBe('local_store_quota');
    expect(toStoreError(new DOMException('bad', 'DataCloneError'), 'append').code).toBe('local_store_corrupt');
    expect(toStoreError(new DOMException('gone', 'InvalidStateError'), 'append').code).toBe('local_store_io');
    const typed = new ClientError('closed', 'x');
    expect(toStoreError(typed, 'append')).toBe(typed);
  });

  it('a full disk rejects the write with local_store_quota and keeps earlier data', async () => {
    const provider = createIndexedDbStoreProvider({ indexedDB: new IDBFactory() });
    const store = provider.open('doc/quota');
    await store.append(Uint8Array.of(1));
    IDBObjectStore.prototype.add = function add() {
      throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
    };
    await expect(store.append(Uint8Array.of(2))).rejects.toMatchObject({ code: 'local_store_quota' });
    IDBObjectStore.prototype.add = originalAdd;
    expect((await store.load()).updates).toEqual([Uint8Array.of(1)]);
    await store.close();
  });

  it('reports local_store_blocked while another connection holds the database open, then deletes it', async () => {
    const factory = new IDBFactory();
    const provider = createIndexedDbStoreProvider({ indexedDB: factory });
    const store = provider.open('doc/blocked');
    await store.append(Uint8Array.of(7));
    await store.close();
    const holder = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('marginalia:doc/blocked');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const blocked: ClientError[] = [];
    const cleared = provider.clear('doc/blocked', (error) => {
      blocked.push(error);
      holder.close();
    });
    await cleared;
    expect(blocked.map((error) => error.code)).toEqual(['local_store_blocked']);
    const reopened = provider.open('doc/blocked');
    expect((await reopened.load()).updates).toEqual([]);
    await reopened.close();
  });

  it('a store closes itself when another tab deletes its database, and says so', async () => {
    const factory = new IDBFactory();
    const first = createIndexedDbStoreProvider({ indexedDB: factory });
    const otherTab = createIndexedDbStoreProvider({ indexedDB: factory });
    const store = first.open('doc/deleted-elsewhere');
    await store.append(Uint8Array.of(1));
    const errors: ClientError[] = [];
    store.onError((error) => errors.push(error));
    await otherTab.clear('doc/deleted-elsewhere');
    expect(errors.map((error) => error.code)).toEqual(['local_store_io']);
    await expect(store.append(Uint8Array.of(2))).rejects.toMatchObject({ code: 'closed' });
  });
});
