import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from './client.js';
import type { ClientOptions } from './client-options.js';
import type { BroadcastChannelConstructor } from './cross-tab.js';
import { createManualTimers } from './fixtures/manual-timers.js';
import { nodeClient, waitForHandle } from './fixtures/node-client.js';
import { createSocketSpy } from './fixtures/socket-spy.js';

const NO_RELAY = { url: 'ws://127.0.0.1:9' };
const channel = globalThis.BroadcastChannel as unknown as BroadcastChannelConstructor;

describe('tabs of one browser (BroadcastChannel, no relay)', () => {
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  const tab = (browser: IDBFactory, prefix: string, options: Partial<ClientOptions> = {}): Client => {
    const made = nodeClient(
      NO_RELAY,
      { id: 'alice', name: 'Alice' },
      {
        indexedDB: browser,
        BroadcastChannel: channel,
        channelPrefix: prefix,
        timers: createManualTimers(),
        ...options,
      },
    );
    clients.push(made);
    return made;
  };

  it('two tabs on one doc see each other at once while offline; a late tab catches up', async () => {
    const browser = new IDBFactory();
    const prefix = `test-${Math.random()}:`;
    const first = tab(browser, prefix).open('user-42.library');
    const second = tab(browser, prefix).open('user-42.library');
    await Promise.all([first.whenLoaded, second.whenLoaded]);
    const note = first.model.notes.create({ body: 'from tab one' });
    await waitForHandle(second, (h) => h.model.notes.get(note.id)?.body === 'from tab one', 'tab two to see the note');
    second.model.notes.insertText(note.id, 0, 'edited in tab two: ');
    await waitForHandle(
      first,
      (h) => h.model.notes.get(note.id)?.body.startsWith('edited in tab two') === true,
      'tab one to see the edit',
    );
    await waitForHandle(
      second,
      (h) => h.awareness.getStates().has(first.awareness.clientID),
      'tab one presence in tab two',
    );

    const late = tab(browser, prefix).open('user-42.library');
    await waitForHandle(
      late,
      (h) => h.model.notes.get(note.id)?.body === 'edited in tab two: from tab one',
      'the late tab',
    );
  });

  it('another browser (other storage, other channel names) sees nothing', async () => {
    const browser = new IDBFactory();
    const prefix = `mine-${Math.random()}:`;
    const mine = tab(browser, prefix).open('doc/isolated');
    const mineToo = tab(browser, prefix).open('doc/isolated');
    const theirs = tab(new IDBFactory(), `theirs-${Math.random()}:`).open('doc/isolated');
    await Promise.all([mine.whenLoaded, mineToo.whenLoaded, theirs.whenLoaded]);
    const note = mine.model.notes.create({ body: 'private' });
    await waitForHandle(mineToo, (h) => h.model.notes.has(note.id), 'the broadcast to reach the same browser');
    expect(theirs.model.notes.list()).toEqual([]);
  });

  it('goes offline and online with the window events, and on demand', async () => {
    const win = new EventTarget();
    const spy = createSocketSpy();
    const timers = createManualTimers();
    const made = nodeClient(
      NO_RELAY,
      { id: 'alice', name: 'Alice' },
      { window: win, WebSocket: spy.WebSocket, timers },
    );
    clients.push(made);
    const handle = made.open('doc/network');
    await handle.whenLoaded;
    await waitForHandle(handle, () => spy.attempts === 1, 'the first attempt');
    win.dispatchEvent(new Event('offline'));
    timers.advance(10 * 60_000);
    expect(spy.attempts).toBe(1);
    expect(handle.status).toBe('offline');
    win.dispatchEvent(new Event('online'));
    await waitForHandle(handle, () => spy.attempts === 2, 'an attempt when back online');
    made.disconnect();
    timers.advance(10 * 60_000);
    win.dispatchEvent(new Event('online'));
    expect(spy.attempts).toBe(2);
    made.connect();
    await waitForHandle(handle, () => spy.attempts === 3, 'an attempt after connect()');
  });
});
