import { BroadcastChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelayProcess, waitUntil, type RelayProcess } from '@marginalia/testkit';
import type { Client } from './client.js';
import type { BroadcastChannelConstructor } from './cross-tab.js';
import type { DocHandle } from './doc-handle.js';
import { nodeClient, synced, waitForHandle } from './fixtures/node-client.js';
import { restartRelay } from './fixtures/relay.js';
import type { SyncState, SyncStateKind } from './sync-state.js';

const relays: RelayProcess[] = [];
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const relay of relays.splice(0)) if (relay.running()) await relay.stop();
});
const start = async (existing?: RelayProcess) => {
  const relay = existing === undefined ? await startRelayProcess() : await restartRelay(existing);
  relays.push(relay);
  return relay;
};
const make = (relay: RelayProcess, id: string, options: Parameters<typeof nodeClient>[2] = {}) => {
  const made = nodeClient(relay, { id, name: id.toUpperCase() }, options);
  clients.push(made);
  return made;
};
const recordStates = (handle: DocHandle): SyncState[] => {
  const seen: SyncState[] = [];
  handle.on('state', (state) => seen.push(state));
  return seen;
};
const reach = (handle: DocHandle, kind: SyncStateKind, timeoutMs = 15_000) =>
  waitUntil(
    () => handle.state.kind === kind,
    (on) => handle.on('state', on),
    { timeoutMs, what: `${handle.name} to be ${kind}` },
  );

describe('named states, prompt reconnects, presence after a reconnect', () => {
  it('saved, paused (work offline), then unreachable with nextRetryAt while the relay is down; saved again promptly once it is back (probe)', async () => {
    const relay = await start();
    const alice = make(relay, 'alice', { backoff: { initialMs: 5_000, maxMs: 30_000 } });
    const handle = alice.open('states/restart');
    await reach(handle, 'saved');
    const seen = recordStates(handle);
    for (const char of 'typing fast') handle.model.highlights.create({ anchor: { kind: 'ref', ref: char } });
    await synced(handle);
    expect(seen.map((state) => state.kind)).not.toContain('saving'); // acked within the debounce: no flicker

    alice.disconnect();
    expect(handle.state.kind).toBe('paused');
    alice.connect();
    await reach(handle, 'saved');

    await relay.stop();
    await reach(handle, 'unreachable');
    const state = handle.state as Extract<SyncState, { kind: 'unreachable' }>;
    expect(state.nextRetryAt).toBeGreaterThan(Date.now());
    handle.model.highlights.create({ anchor: { kind: 'ref', ref: 'while down' } });
    await start(relay);
    const back = Date.now();
    await reach(handle, 'saved');
    await synced(handle);
    // The backoff alone would wait at least 2.5 s (initialMs 5 s, half of it fixed); the probe finds the relay within ~1.5 s.
    expect(Date.now() - back).toBeLessThan(2_500);
  });

  it('refused names the reason and stops; retryNow starts a scheduled attempt at once', async () => {
    const relay = await start();
    const alice = make(relay, 'alice', { fetch: null, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    const handle = alice.open('states/retry-now');
    await reach(handle, 'saved');
    await relay.stop();
    await reach(handle, 'unreachable');
    await start(relay);
    handle.retryNow();
    await reach(handle, 'saved');

    const refused = make(relay, 'bob').open('bad%name');
    await reach(refused, 'refused');
    expect(refused.state.kind === 'refused' && refused.state.error.code).toBe('bad_request');
  });

  it('presence is re-announced on every reconnect: the other user sees alice again within 1 s', async () => {
    const relay = await start();
    const alice = make(relay, 'alice');
    const a = alice.open('states/presence');
    const b = make(relay, 'bob').open('states/presence');
    const sees = (h: DocHandle) => h.presence.others().some((peer) => peer.user.id === 'alice');
    await waitForHandle(b, sees, 'bob to see alice');
    alice.disconnect();
    await waitForHandle(b, (h) => !sees(h), 'alice to be gone for bob');
    alice.connect();
    const reconnected = Date.now();
    await waitForHandle(b, sees, 'bob to see alice after her reconnect', 5_000);
    expect(Date.now() - reconnected).toBeLessThan(1_000);
    await waitForHandle(
      a,
      (h) => h.presence.others().some((peer) => peer.user.id === 'bob'),
      'alice to see bob again',
      5_000,
    );
  });

  it('"work offline" in one tab applies to every tab of that user in that browser', async () => {
    const relay = await start();
    const channelPrefix = `marginalia-test-${Date.now()}:`;
    const Channel = BroadcastChannel as unknown as BroadcastChannelConstructor;
    const tab1 = make(relay, 'alice', { BroadcastChannel: Channel, channelPrefix });
    const tab2 = make(relay, 'alice', { BroadcastChannel: Channel, channelPrefix });
    const one = tab1.open('states/tabs');
    const two = tab2.open('states/tabs');
    await Promise.all([reach(one, 'saved'), reach(two, 'saved')]);
    tab1.disconnect();
    await reach(two, 'paused');
    const tab3 = make(relay, 'alice', { BroadcastChannel: Channel, channelPrefix });
    const three = tab3.open('states/tabs');
    await reach(three, 'paused');
    tab2.connect();
    await Promise.all([reach(one, 'saved'), reach(three, 'saved')]);
  });
});
