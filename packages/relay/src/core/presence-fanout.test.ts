import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessUpdate,
  type AwarenessEntry,
  type Frame,
} from '@marginalia/protocol';
import { createMemoryStore } from '../storage/memory-store.js';
import { connectFake, requestSync, type FakeSocket } from '../fixtures/core-harness.js';
import type { Fanout, FanoutResyncCause } from '../ports/fanout.js';
import { createLocalFanout } from './local-fanout.js';
import { createRelayCore, type RelayCore } from './relay-core.js';

type AwarenessFrame = Extract<Frame, { type: 'awareness' }>;
const isAwareness = (f: Frame): f is AwarenessFrame => f.type === 'awareness';
const awareness = (clientID: number, clock: number, state: unknown): Uint8Array =>
  encodeAwareness(encodeAwarenessUpdate([{ clientID, clock, state }]));
/** Every awareness entry a socket received, in order. */
const entries = (socket: FakeSocket): AwarenessEntry[] =>
  socket.frames.filter(isAwareness).flatMap((f) => decodeAwarenessUpdate(f.update));
/** Resolves once `socket` received an awareness entry matching `match`. */
const seen = (socket: FakeSocket, match: (entry: AwarenessEntry) => boolean): Promise<AwarenessFrame> =>
  socket.next((f): f is AwarenessFrame => isAwareness(f) && decodeAwarenessUpdate(f.update).some(match));
const removalOf = (clientID: number) => (entry: AwarenessEntry) => entry.clientID === clientID && entry.state === null;

/** The local fanout with a switch that drops what is published (an outage) and a resync trigger. */
function createSwitchedFanout() {
  const inner = createLocalFanout();
  const resyncListeners = new Set<(cause: FanoutResyncCause) => void>();
  let dropping = false;
  const fanout: Fanout = {
    ...inner,
    publish: async (docName, message) => (dropping ? undefined : inner.publish(docName, message)),
    onResync(listener) {
      resyncListeners.add(listener);
      return () => void resyncListeners.delete(listener);
    },
  };
  return {
    fanout,
    drop: (on: boolean) => void (dropping = on),
    resync: () => resyncListeners.forEach((listener) => listener('reconnect')),
  };
}

const cores: RelayCore[] = [];

/** Two relay cores (instances `a` and `b`) on one store, joined by the in-process fanout. */
function twoInstances() {
  const store = createMemoryStore();
  const switched = createSwitchedFanout();
  const a = createRelayCore({ store, fanout: switched.fanout, instanceId: 'a' });
  const b = createRelayCore({ store, fanout: switched.fanout, instanceId: 'b' });
  cores.push(a, b);
  /** Publishes an awareness update as instance `origin` would. */
  const publish = (origin: string, entries: AwarenessEntry[]) =>
    switched.fanout.publish('doc', { kind: 'awareness', origin, payload: encodeAwarenessUpdate(entries) });
  return { a, b, publish, ...switched };
}

async function join(core: RelayCore): Promise<FakeSocket> {
  const socket = connectFake(core, { docName: 'doc' });
  requestSync(socket);
  await socket.next((f): f is Frame => f.type === 'sync-step-1');
  return socket;
}

describe('presence across instances', () => {
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((core) => core.close()));
    vi.useRealTimers();
  });

  it('a local echo of a remote state does not take its client id: leaving removes only what the connection owns', async () => {
    const { a, b } = twoInstances();
    const alice = await join(a);
    const [bob, carol] = [await join(b), await join(b)];
    alice.send(awareness(11, 1, { user: { id: 'alice' } }));
    await seen(bob, (e) => e.clientID === 11);
    bob.send(awareness(11, 1, { user: { id: 'alice' } })); // what stock clients send back
    bob.send(awareness(22, 1, { user: { id: 'bob' } }));
    await seen(alice, (e) => e.clientID === 22);
    bob.disconnect();
    await seen(carol, removalOf(22));
    await seen(alice, removalOf(22));
    expect(entries(carol).filter(removalOf(11))).toEqual([]);
    expect(entries(alice).filter(removalOf(11))).toEqual([]);
    expect(entries(carol).filter((e) => e.clientID === 11)).toEqual([
      { clientID: 11, clock: 1, state: { user: { id: 'alice' } } },
    ]);
  });

  it('removes a client that leaves another instance, and sends a joiner the states of other instances', async () => {
    const { a, b } = twoInstances();
    const [alice, bob] = [await join(a), await join(b)];
    alice.send(awareness(11, 1, { user: { id: 'alice' } }));
    bob.send(awareness(22, 4, { user: { id: 'bob' } }));
    await seen(bob, (e) => e.clientID === 11);
    await seen(alice, (e) => e.clientID === 22);
    const late = await join(b);
    await seen(late, (e) => e.clientID === 11);
    expect(entries(late).sort((x, y) => x.clientID - y.clientID)).toEqual([
      { clientID: 11, clock: 1, state: { user: { id: 'alice' } } },
      { clientID: 22, clock: 4, state: { user: { id: 'bob' } } },
    ]);
    alice.disconnect();
    await seen(late, removalOf(11));
    expect(entries(late).filter(removalOf(11))).toEqual([{ clientID: 11, clock: 2, state: null }]);
  });

  it('an echo of a remote state is neither relayed nor published; a newer state for it from a local connection is refused while its owner lives', async () => {
    const { a, b } = twoInstances();
    const alice = await join(a);
    const [bob, carol] = [await join(b), await join(b)];
    alice.send(awareness(11, 3, { user: { id: 'alice' } }));
    await seen(carol, (e) => e.clientID === 11);
    bob.send(awareness(11, 3, { user: { id: 'alice' } }));
    bob.send(awareness(11, 2, { user: { id: 'older' } }));
    expect(b.metrics.refusals.get({ reason: 'awareness_foreign' })).toBe(0);
    bob.send(awareness(11, 9, { user: { id: 'mallory' } }));
    bob.send(awareness(11, 3, null));
    bob.send(awareness(22, 1, { user: { id: 'bob' } }));
    await seen(carol, (e) => e.clientID === 22);
    await seen(alice, (e) => e.clientID === 22);
    // The removal at once; the newer state is a claim that instance a refuses (alice's connection holds 11).
    await vi.waitFor(() => expect(b.metrics.refusals.get({ reason: 'awareness_foreign' })).toBe(2));
    const aliceAt = (socket: FakeSocket) => entries(socket).filter((e) => e.clientID === 11);
    expect(aliceAt(carol)).toEqual([{ clientID: 11, clock: 3, state: { user: { id: 'alice' } } }]);
    expect(aliceAt(alice)).toEqual([{ clientID: 11, clock: 3, state: { user: { id: 'alice' } } }]);
  });

  it('relays a removal only from the instance that owns the state', async () => {
    const { a, b, publish } = twoInstances();
    const alice = await join(a);
    const carol = await join(b);
    alice.send(awareness(11, 1, { user: { id: 'alice' } }));
    await seen(carol, (e) => e.clientID === 11);
    await publish('c', [{ clientID: 11, clock: 2, state: null }]); // not the owner
    await publish('b', [{ clientID: 11, clock: 2, state: null }]); // as an old relay's false removal
    await publish('c', [{ clientID: 33, clock: 1, state: { user: { id: 'cleo' } } }]);
    await seen(carol, (e) => e.clientID === 33);
    await seen(alice, (e) => e.clientID === 33);
    expect(entries(carol).filter(removalOf(11))).toEqual([]);
    expect(entries(alice).filter(removalOf(11))).toEqual([]);
    await publish('a', [{ clientID: 33, clock: 1, state: null }]); // a does not own cleo
    await publish('c', [{ clientID: 33, clock: 1, state: null }]);
    await seen(carol, removalOf(33));
    expect(entries(carol).filter(removalOf(33))).toHaveLength(1);
  });

  it('a newer state from another instance takes over a remote one (its client moved), never a local one', async () => {
    const { b, publish } = twoInstances();
    const [carol, dave] = [await join(b), await join(b)];
    dave.send(awareness(44, 1, { user: { id: 'dave' } }));
    await publish('a', [{ clientID: 11, clock: 1, state: { at: 'a' } }]);
    await publish('c', [
      { clientID: 11, clock: 2, state: { at: 'c' } },
      { clientID: 44, clock: 7, state: { user: { id: 'mallory' } } },
    ]);
    await publish('a', [{ clientID: 11, clock: 3, state: null }]); // a noticed late that its client left
    await publish('c', [{ clientID: 33, clock: 1, state: {} }]);
    await seen(carol, (e) => e.clientID === 33);
    expect(entries(carol).filter((e) => e.clientID !== 33)).toEqual([
      { clientID: 44, clock: 1, state: { user: { id: 'dave' } } },
      { clientID: 11, clock: 1, state: { at: 'a' } },
      { clientID: 11, clock: 2, state: { at: 'c' } },
    ]);
  });

  it('removes remote states not refreshed within 30 s (their instance died); a refreshed one stays', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { b, publish } = twoInstances();
    const carol = await join(b);
    await publish('dead', [{ clientID: 11, clock: 5, state: { user: { id: 'alice' } } }]);
    await publish('alive', [{ clientID: 33, clock: 1, state: { user: { id: 'cleo' } } }]);
    await seen(carol, (e) => e.clientID === 33);
    vi.advanceTimersByTime(20_000);
    await publish('alive', [{ clientID: 33, clock: 1, state: { user: { id: 'cleo' } } }]); // republished unchanged
    vi.advanceTimersByTime(15_000);
    const removal = await seen(carol, removalOf(11));
    expect(decodeAwarenessUpdate(removal.update)).toEqual([{ clientID: 11, clock: 5, state: null }]);
    expect(entries(carol).filter(removalOf(33))).toEqual([]);
    // The client of the dead instance reconnects here: its state is its own again.
    const alice = await join(b);
    alice.send(awareness(11, 6, { user: { id: 'alice', moved: true } }));
    await seen(carol, (e) => e.clientID === 11 && e.clock === 6);
    expect(b.metrics.refusals.get({ reason: 'awareness_foreign' })).toBe(0);
    vi.advanceTimersByTime(30_000);
    await seen(carol, removalOf(33));
    expect(entries(carol).filter(removalOf(11))).toHaveLength(1);
  });

  it('publishes local states again on a fanout resync, so another instance learns what it missed', async () => {
    const { a, b, drop, resync } = twoInstances();
    const [alice, bob] = [await join(a), await join(b)];
    drop(true);
    bob.send(awareness(22, 1, { user: { id: 'bob' } }));
    await seen(bob, (e) => e.clientID === 22);
    drop(false);
    alice.send(awareness(11, 1, { user: { id: 'alice' } }));
    await seen(bob, (e) => e.clientID === 11);
    expect(entries(alice).filter((e) => e.clientID === 22)).toEqual([]);
    resync();
    await seen(alice, (e) => e.clientID === 22);
    expect(entries(alice).filter((e) => e.clientID === 22)).toEqual([
      { clientID: 22, clock: 1, state: { user: { id: 'bob' } } },
    ]);
  });
});
