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

type AwarenessFrame = Extract<Frame, { type: 'awareness' }>;
const isAwareness = (f: Frame): f is AwarenessFrame => f.type === 'awareness';
const states = (entries: Array<[number, unknown]>): Uint8Array =>
  encodeAwareness(encodeAwarenessUpdate(entries.map(([clientID, state]) => ({ clientID, clock: 1, state }))));
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

async function room(limits = { maxClientIdsPerConnection: 3, maxBytesPerConnection: 1000, maxBytesPerDoc: 2500 }) {
  const core = createRelayCore({ store: createMemoryStore(), presence: limits });
  const join = async () => {
    const socket = connectFake(core, { docName: 'doc' });
    requestSync(socket);
    await socket.next((f): f is Frame => f.type === 'sync-step-1');
    return socket;
  };
  return { core, join };
}

describe('presence bounds', () => {
  it('a state nested past MAX_AWARENESS_DEPTH closes 4400 before it is parsed or held; later joiners are served', async () => {
    const { core, join } = await room();
    const attacker = await join();
    const raw = new TextEncoder().encode(nested(16_000));
    const update = new Uint8Array([1, 9, 1, ...varUint(raw.length), ...raw]);
    attacker.send(encodeAwareness(update));
    expect(await attacker.whenClosed()).toEqual({ code: 4400, reason: 'awareness state nested too deep' });
    expect(core.metrics.refusals.get({ reason: 'awareness_too_deep' })).toBe(1);
    const later = await join();
    later.send(encodeQueryAwareness());
    expect(later.closed).toBeUndefined();
  });

  it('more client ids than maxClientIdsPerConnection on one connection: 4413, nothing of the frame relayed', async () => {
    const { core, join } = await room();
    const [a, b] = [await join(), await join()];
    a.send(
      states([
        [1, {}],
        [2, {}],
      ]),
    );
    await b.next(isAwareness);
    a.send(
      states([
        [3, {}],
        [4, {}],
      ]),
    );
    expect((await a.whenClosed()).code).toBe(4413);
    expect(core.metrics.refusals.get({ reason: 'awareness_client_ids' })).toBe(1);
    const seen = b.frames.filter(isAwareness).flatMap((f) => decodeAwarenessUpdate(f.update));
    expect(seen.filter((e) => e.state !== null).map((e) => e.clientID)).toEqual([1, 2]);
  });

  it('more presence bytes than maxBytesPerConnection on one connection: 4413', async () => {
    const { core, join } = await room();
    const a = await join();
    a.send(states([[1, { s: 'x'.repeat(600) }]]));
    a.send(states([[2, { s: 'x'.repeat(600) }]]));
    expect((await a.whenClosed()).code).toBe(4413);
    expect(core.metrics.refusals.get({ reason: 'presence_bytes' })).toBe(1);
  });

  it('a document whose presence is full drops new states (counted), keeps its connections, and a joiner gets a bounded snapshot', async () => {
    const { core, join } = await room();
    const fillers = [await join(), await join(), await join()];
    fillers.forEach((socket, i) => socket.send(states([[10 + i, { s: 'x'.repeat(900) }]])));
    const late = await join();
    late.send(states([[99, { s: 'late' }]]));
    late.send(encodeQueryAwareness());
    const snapshot = await late.next(
      (f): f is AwarenessFrame => isAwareness(f) && decodeAwarenessUpdate(f.update).length === 3,
    );
    expect(decodeAwarenessUpdate(snapshot.update).map((e) => e.clientID)).toEqual([10, 11, 99]);
    expect(core.metrics.refusals.get({ reason: 'presence_doc_full' })).toBe(1);
    expect([...fillers, late].map((s) => s.closed)).toEqual([undefined, undefined, undefined, undefined]);
    // A removal frees the budget again.
    fillers[0]!.disconnect();
    fillers[2]!.send(
      encodeAwareness(encodeAwarenessUpdate([{ clientID: 12, clock: 2, state: { s: 'x'.repeat(900) } }])),
    );
    await late.next(
      (f): f is AwarenessFrame => isAwareness(f) && decodeAwarenessUpdate(f.update).some((e) => e.clientID === 12),
    );
  });

  it('answers repeated query-awareness with the same encoded snapshot until presence changes', async () => {
    const { join } = await room();
    const [a, b] = [await join(), await join()];
    a.send(states([[1, { n: 1 }]]));
    await b.next(isAwareness);
    b.send(encodeQueryAwareness());
    b.send(encodeQueryAwareness());
    const answers = b.frames.filter(isAwareness).slice(-2);
    expect(answers).toHaveLength(2);
    expect(answers[0]!.update).toEqual(answers[1]!.update);
  });
});

function varUint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}
