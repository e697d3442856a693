import { describe, expect, it } from 'vitest';
import {
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeQueryAwareness,
  type Frame,
} from '@marginalia/protocol';
import { createMemoryStore } from '../storage/memory-store.js';
import { connectFake, requestSync } from '../fixtures/core-harness.js';
import { createRelayCore } from './relay-core.js';

const isAwareness = (f: Frame): f is Extract<Frame, { type: 'awareness' }> => f.type === 'awareness';
const awareness = (clientID: number, clock: number, state: unknown): Uint8Array =>
  encodeAwareness(encodeAwarenessUpdate([{ clientID, clock, state }]));

async function room() {
  const core = createRelayCore({ store: createMemoryStore() });
  const [a, b, c] = [0, 1, 2].map(() => connectFake(core, { docName: 'doc' }));
  for (const s of [a!, b!, c!]) requestSync(s);
  await Promise.all([a!, b!, c!].map((s) => s.next((f): f is Frame => f.type === 'sync-step-1')));
  return { core, a: a!, b: b!, c: c! };
}

describe('presence bound to connections', () => {
  it('relays awareness to every connection (the sender too) and answers query-awareness with every state', async () => {
    const { a, b, c } = await room();
    a.send(awareness(11, 1, { user: { id: 'alice' } }));
    const seen = await b.next(isAwareness);
    expect(decodeAwarenessUpdate(seen.update)).toEqual([{ clientID: 11, clock: 1, state: { user: { id: 'alice' } } }]);
    const echoed = await a.next(isAwareness);
    expect(echoed.update).toEqual(seen.update);
    c.send(encodeQueryAwareness());
    await c.next(isAwareness);
    expect(
      c.frames.filter(isAwareness).flatMap((f) => decodeAwarenessUpdate(f.update).map((e) => e.clientID)),
    ).toContain(11);
  });

  it('refuses to let a connection update or remove a client id another connection owns', async () => {
    const { core, a, b, c } = await room();
    a.send(awareness(11, 1, { user: { id: 'alice' } }));
    await c.next(isAwareness);
    b.send(awareness(11, 5, null));
    b.send(awareness(22, 1, { user: { id: 'bob' } }));
    await c.next(
      (f): f is Extract<Frame, { type: 'awareness' }> =>
        isAwareness(f) && decodeAwarenessUpdate(f.update).some((e) => e.clientID === 22),
    );
    const relayed = c.frames.filter(isAwareness).flatMap((f) => decodeAwarenessUpdate(f.update));
    expect(relayed.filter((e) => e.clientID === 11)).toEqual([
      { clientID: 11, clock: 1, state: { user: { id: 'alice' } } },
    ]);
    expect(core.metrics.refusals.get({ reason: 'awareness_foreign' })).toBe(1);
  });

  it("broadcasts the removal of a connection's states when it closes", async () => {
    const { a, b } = await room();
    a.send(awareness(11, 3, { user: { id: 'alice' } }));
    await b.next(isAwareness);
    a.disconnect();
    const removal = await b.next(
      (f): f is Extract<Frame, { type: 'awareness' }> =>
        isAwareness(f) && decodeAwarenessUpdate(f.update).some((e) => e.state === null),
    );
    expect(decodeAwarenessUpdate(removal.update)).toEqual([{ clientID: 11, clock: 4, state: null }]);
  });

  it('closes 4400 on a malformed awareness update', async () => {
    const { a, b } = await room();
    a.send(encodeAwareness(new Uint8Array([1, 11, 1, 3, 0x7b, 0x7b, 0x7b])));
    expect((await a.whenClosed()).code).toBe(4400);
    expect(b.frames.filter(isAwareness)).toEqual([]);
  });

  it('ignores echoes: a peer sending back a state it received is neither relayed nor counted', async () => {
    const { core, a, b, c } = await room();
    a.send(awareness(11, 2, { user: { id: 'alice' } }));
    await b.next(isAwareness);
    b.send(awareness(11, 2, { user: { id: 'alice' } }));
    b.send(awareness(11, 1, { user: { id: 'older' } }));
    b.send(awareness(22, 1, { user: { id: 'bob' } }));
    await c.next(
      (f): f is Extract<Frame, { type: 'awareness' }> =>
        isAwareness(f) && decodeAwarenessUpdate(f.update).some((e) => e.clientID === 22),
    );
    expect(
      c.frames
        .filter(isAwareness)
        .flatMap((f) => decodeAwarenessUpdate(f.update))
        .filter((e) => e.clientID === 11),
    ).toHaveLength(1);
    expect(core.metrics.refusals.get({ reason: 'awareness_foreign' })).toBe(0);
  });

  it('a peer echoing the removal of a state that left does not take its client id: the owner gets it back on reconnect', async () => {
    const { core, a, b, c } = await room();
    a.send(awareness(11, 3, { user: { id: 'alice' } }));
    await b.next(isAwareness);
    a.disconnect();
    await b.next(
      (f): f is Extract<Frame, { type: 'awareness' }> =>
        isAwareness(f) && decodeAwarenessUpdate(f.update).some((e) => e.state === null),
    );
    b.send(awareness(11, 4, null));
    const back = connectFake(core, { docName: 'doc' });
    back.send(awareness(11, 5, { user: { id: 'alice', again: true } }));
    const seen = await c.next(
      (f): f is Extract<Frame, { type: 'awareness' }> =>
        isAwareness(f) && decodeAwarenessUpdate(f.update).some((e) => e.clock === 5),
    );
    expect(decodeAwarenessUpdate(seen.update)).toEqual([
      { clientID: 11, clock: 5, state: { user: { id: 'alice', again: true } } },
    ]);
    expect(core.metrics.refusals.get({ reason: 'awareness_foreign' })).toBe(0);
  });

  it('charges only own state changes to the meter, and refuses (before relaying) past the awareness rate', async () => {
    const core = createRelayCore({ store: createMemoryStore() });
    const charged: number[] = [];
    const meter = {
      charge: () => undefined,
      chargePresence: (n: number) => (
        charged.push(n),
        charged.length > 2 ? { code: 4429, reason: 'awareness_rate' } : undefined
      ),
    };
    const owner = connectFake(core, { docName: 'doc' });
    const sent: Uint8Array[] = [];
    const echoing = core.connect(
      { docName: 'doc', canWrite: true, wantsAcks: false },
      { send: (f) => void sent.push(f), close: () => undefined },
      meter,
    );
    requestSync(owner);
    await owner.next((f): f is Frame => f.type === 'sync-step-1');
    owner.send(awareness(11, 1, { n: 1 }));
    await owner.next(isAwareness);
    for (let i = 0; i < 10; i++) echoing.receive(awareness(11, 1, { n: 1 }));
    echoing.receive(
      encodeAwareness(
        encodeAwarenessUpdate([
          { clientID: 31, clock: 1, state: {} },
          { clientID: 32, clock: 1, state: {} },
        ]),
      ),
    );
    echoing.receive(awareness(31, 2, { typing: true }));
    echoing.receive(awareness(31, 3, { typing: false }));
    expect(charged).toEqual([2, 1, 1]);
    expect(core.metrics.refusals.get({ reason: 'awareness_rate' })).toBe(1);
    const clocks = owner.frames
      .filter(isAwareness)
      .flatMap((f) => decodeAwarenessUpdate(f.update))
      .filter((e) => e.clientID === 31)
      .map((e) => e.clock);
    expect(clocks).toEqual([1, 2]);
  });
});
