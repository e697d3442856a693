import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessUpdate,
  type AwarenessEntry,
  type Frame,
} from '@marginalia/protocol';
import { connectFake, requestSync, type FakeSocket } from '../fixtures/core-harness.js';
import type { Fanout, FanoutMessage } from '../ports/fanout.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { createLocalFanout } from './local-fanout.js';
import { createRelayCore, type RelayCore } from './relay-core.js';

type AwarenessFrame = Extract<Frame, { type: 'awareness' }>;
const isAwareness = (f: Frame): f is AwarenessFrame => f.type === 'awareness';
const awareness = (clientID: number, clock: number, state: unknown): Uint8Array =>
  encodeAwareness(encodeAwarenessUpdate([{ clientID, clock, state }]));
const entries = (socket: FakeSocket): AwarenessEntry[] =>
  socket.frames.filter(isAwareness).flatMap((f) => decodeAwarenessUpdate(f.update));
const seen = (socket: FakeSocket, match: (entry: AwarenessEntry) => boolean): Promise<AwarenessFrame> =>
  socket.next((f): f is AwarenessFrame => isAwareness(f) && decodeAwarenessUpdate(f.update).some(match));
const user = (id: string) => (entry: AwarenessEntry) =>
  (entry.state as { user?: { id?: string } } | null)?.user?.id === id;

const cores: RelayCore[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

async function join(core: RelayCore, userId?: string): Promise<FakeSocket> {
  const socket = connectFake(core, { docName: 'doc', ...(userId === undefined ? {} : { userId }) });
  requestSync(socket);
  await socket.next((f): f is Frame => f.type === 'sync-step-1');
  return socket;
}

describe('presence ownership follows its user', () => {
  it("never takes an open connection's id, not even for the same user; once it closed, the user's next connection gets it", async () => {
    const core = createRelayCore({ store: createMemoryStore() });
    cores.push(core);
    const [first, mallory, second, observer] = [
      await join(core, 'alice'),
      await join(core, 'mallory'),
      await join(core, 'alice'),
      await join(core),
    ];
    first.send(awareness(11, 1, { user: { id: 'alice' } }));
    await seen(observer, user('alice'));
    mallory.send(awareness(11, 2, { user: { id: 'mallory' } }));
    second.send(awareness(11, 3, { user: { id: 'alice', tab: 2 } }));
    second.send(awareness(22, 1, { user: { id: 'alice', tab: 2 } }));
    await seen(observer, (e) => e.clientID === 22);
    expect(entries(observer).filter((e) => e.clientID === 11)).toEqual([
      { clientID: 11, clock: 1, state: { user: { id: 'alice' } } },
    ]);
    expect(core.metrics.refusals.get({ reason: 'awareness_foreign' })).toBe(2);
    first.disconnect();
    await seen(observer, (e) => e.clientID === 11 && e.state === null);
    second.send(awareness(11, 4, { user: { id: 'alice', moved: true } }));
    await seen(observer, (e) => e.clientID === 11 && e.clock === 4);
  });

  it('an id whose owner left stays reserved for its user: no squatting while the owner reconnects', async () => {
    const core = createRelayCore({ store: createMemoryStore() });
    cores.push(core);
    const [alice, mallory, observer] = [await join(core, 'alice'), await join(core, 'mallory'), await join(core)];
    alice.send(awareness(11, 1, { user: { id: 'alice' } }));
    await seen(observer, user('alice'));
    alice.disconnect();
    await seen(observer, (e) => e.clientID === 11 && e.state === null);
    mallory.send(awareness(11, 5, { user: { id: 'mallory' } }));
    const back = await join(core, 'alice');
    back.send(awareness(11, 6, { user: { id: 'alice', back: true } }));
    await seen(observer, (e) => e.clock === 6);
    expect(entries(observer).filter(user('mallory'))).toEqual([]);
    expect(core.metrics.refusals.get({ reason: 'awareness_foreign' })).toBe(1);
  });
});

/** The local fanout with relay liveness: `kill(origin)` mutes that relay and reports it gone. */
function createClusterFanout() {
  const inner = createLocalFanout();
  const muted = new Set<string>();
  const goneListeners = new Set<(origin: string) => void>();
  const fanout: Fanout = {
    ...inner,
    publish: async (docName, message: FanoutMessage) =>
      muted.has(message.origin) ? undefined : inner.publish(docName, message),
    trackPeers(_self, gone) {
      goneListeners.add(gone);
      return () => void goneListeners.delete(gone);
    },
  };
  return {
    fanout,
    mute: (origin: string) => void muted.add(origin),
    gone: (origin: string) => goneListeners.forEach((listener) => listener(origin)),
  };
}

describe('presence across a relay that dies', () => {
  const cluster = async () => {
    const store = createMemoryStore();
    const net = createClusterFanout();
    const [a, b] = ['a', 'b'].map((instanceId) => createRelayCore({ store, fanout: net.fanout, instanceId })) as [
      RelayCore,
      RelayCore,
    ];
    cores.push(a, b);
    return { a, b, ...net };
  };

  it('a user who reconnects to another relay takes its id back once nobody holds it live (no answer to the claim)', async () => {
    const { a, b, mute } = await cluster();
    const [alice, carol] = [await join(a), await join(b)];
    alice.send(awareness(11, 1, { user: { id: 'alice' } }));
    await seen(carol, user('alice'));
    mute('a'); // a is SIGKILLed: it says nothing any more, and its sockets are gone with it
    const moved = await join(b);
    const claimedAt = Date.now();
    moved.send(awareness(11, 2, { user: { id: 'alice', at: 'b' } }));
    await seen(carol, (e) => e.clientID === 11 && e.clock === 2);
    expect(Date.now() - claimedAt).toBeLessThan(1000);
    expect(b.metrics.refusals.get({ reason: 'awareness_foreign' })).toBe(0);
    expect(b.metrics.presenceEntries.get({ owner: 'local' })).toBe(1);
    expect(b.metrics.presenceEntries.get({ owner: 'remote' })).toBe(0);
  });

  it('a moved user that only announces itself again (same clock) keeps its presence when its old relay is declared gone', async () => {
    const store = createMemoryStore();
    const net = createClusterFanout();
    const [a, b, c] = ['a', 'b', 'c'].map((instanceId) =>
      createRelayCore({ store, fanout: net.fanout, instanceId }),
    ) as [RelayCore, RelayCore, RelayCore];
    cores.push(a, b, c);
    const [alice, carol, dave] = [await join(a), await join(b), await join(c)];
    alice.send(awareness(11, 5, { user: { id: 'alice' } }));
    await Promise.all([seen(carol, user('alice')), seen(dave, user('alice'))]);
    net.mute('a');
    const moved = await join(b);
    moved.send(awareness(11, 5, { user: { id: 'alice' } })); // what y-websocket sends on open
    await vi.waitFor(() => expect(b.metrics.presenceEntries.get({ owner: 'local' })).toBe(1));
    // c learns that b holds it now (the republished state is unchanged: nothing to show).
    await vi.waitFor(() => expect(c.metrics.fanoutReceived.get({ kind: 'awareness' })).toBeGreaterThan(1));
    net.gone('a');
    moved.send(awareness(99, 1, { user: { id: 'marker' } }));
    await Promise.all([seen(carol, user('marker')), seen(dave, user('marker'))]);
    for (const observer of [carol, dave])
      expect(entries(observer).filter((e) => e.clientID === 11 && e.state === null)).toEqual([]);
  });

  it("removes a gone relay's states from every other relay at once", async () => {
    const { a, b, mute, gone } = await cluster();
    const [alice, carol] = [await join(a), await join(b)];
    alice.send(awareness(33, 4, { user: { id: 'alice' } }));
    await seen(carol, user('alice'));
    expect(b.metrics.presenceEntries.get({ owner: 'remote' })).toBe(1);
    mute('a');
    gone('a');
    const removal = await seen(carol, (e) => e.clientID === 33 && e.state === null);
    expect(decodeAwarenessUpdate(removal.update)).toEqual([{ clientID: 33, clock: 4, state: null }]);
    expect(b.metrics.presenceEntries.get({ owner: 'remote' })).toBe(0);
    expect(b.metrics.peersGone.get()).toBe(1);
    await vi.waitFor(() => expect(entries(carol).filter((e) => e.clientID === 33)).toHaveLength(2));
  });
});
