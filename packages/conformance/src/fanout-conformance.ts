import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fanout, FanoutMessage } from '@marginalia/relay';
import { waitUntil } from './wait-for.js';

/** What a fanout's test gives the conformance suite, once per test. */
export interface FanoutFixture {
  /** Two instances joined by one transport (the local fanout may give the same object twice). */
  readonly a: Fanout;
  readonly b: Fanout;
  /**
   * Cuts `b`'s connection to the transport and lets it come back (for transports that can lose
   * messages). The suite then expects `b`'s `onResync` listeners to run, and delivery to resume.
   */
  readonly interrupt?: () => Promise<void>;
  /** Closes what the fixture opened (the suite closes `a` and `b` first). */
  readonly cleanup: () => Promise<void>;
}

/** Messages received by one listener, and a way to wait for them. */
interface Inbox {
  readonly messages: FanoutMessage[];
  readonly listener: (message: FanoutMessage) => void;
  /** Resolves once a message with this payload text (see `text`) arrived. */
  receive(text: string, timeoutMs?: number): Promise<FanoutMessage>;
}

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);
const text = (message: FanoutMessage): string => new TextDecoder().decode(message.payload);
const update = (payload: string, origin = 'origin-a'): FanoutMessage => ({
  kind: 'update',
  origin,
  payload: bytes(payload),
});

function createInbox(): Inbox {
  const messages: FanoutMessage[] = [];
  const waiters = new Set<() => void>();
  return {
    messages,
    listener(message) {
      messages.push(message);
      waiters.forEach((wake) => wake());
    },
    async receive(payload, timeoutMs = 5000) {
      const find = () => messages.find((message) => text(message) === payload);
      const subscribe = (wake: () => void) => (waiters.add(wake), () => void waiters.delete(wake));
      await waitUntil(() => find() !== undefined, subscribe, { timeoutMs, what: `fanout message "${payload}"` });
      return find()!;
    },
  };
}

/**
 * The contract of `Fanout`, as a Vitest suite every implementation runs:
 * `runFanoutConformance('redis', async () => ({ a, b, interrupt, cleanup }))`.
 * Absence is checked without sleeping: a later message from the same publisher is awaited,
 * since one publisher's messages arrive in the order it published them.
 */
export function runFanoutConformance(name: string, makeFanouts: () => Promise<FanoutFixture>): void {
  describe(`Fanout conformance: ${name}`, async () => {
    const probe = await makeFanouts();
    const canInterrupt = probe.interrupt !== undefined;
    await Promise.all([probe.a.close(), probe.b.close()]);
    await probe.cleanup();
    let fixture: FanoutFixture;
    const subscribed = async (fanout: Fanout, docName: string): Promise<Inbox> => {
      const inbox = createInbox();
      fanout.subscribe(docName, inbox.listener);
      await fanout.whenSubscribed(docName);
      return inbox;
    };
    beforeEach(async () => {
      fixture = await makeFanouts();
    });
    afterEach(async () => {
      await Promise.all([fixture.a.close(), fixture.b.close()]);
      await fixture.cleanup();
    });

    it('delivers to every subscriber of the document, with kind, origin and payload intact', async () => {
      const [onA, onB, alsoOnB] = await Promise.all([
        subscribed(fixture.a, 'doc'),
        subscribed(fixture.b, 'doc'),
        subscribed(fixture.b, 'doc'),
      ]);
      await fixture.a.publish('doc', update('hello', 'instance-1'));
      await fixture.a.publish('doc', { kind: 'awareness', origin: 'instance-2', payload: bytes('presence') });
      for (const inbox of [onA, onB, alsoOnB]) {
        expect(await inbox.receive('hello')).toMatchObject({ kind: 'update', origin: 'instance-1' });
        expect(await inbox.receive('presence')).toMatchObject({ kind: 'awareness', origin: 'instance-2' });
      }
    });

    it('keeps documents apart, also names that prefix each other', async () => {
      const names = ['doc', 'doc/sub', 'doc2', 'do', 'doc*', 'doc:x'];
      const inboxes = await Promise.all(names.map((docName) => subscribed(fixture.b, docName)));
      for (const docName of names) await fixture.a.publish(docName, update(`for ${docName}`));
      await Promise.all(inboxes.map((inbox, i) => inbox.receive(`for ${names[i]}`)));
      for (const [i, inbox] of inboxes.entries()) expect(inbox.messages.map(text)).toEqual([`for ${names[i]}`]);
    });

    it('carries binary payloads byte for byte: every byte value, empty, 1 MiB', async () => {
      const inbox = await subscribed(fixture.b, 'bin');
      const all = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
      const big = Uint8Array.from({ length: 1024 * 1024 }, (_, i) => (i * 31 + 7) % 256);
      for (const payload of [all, new Uint8Array(0), big])
        await fixture.a.publish('bin', { kind: 'update', origin: 'o', payload });
      await fixture.a.publish('bin', update('end'));
      await inbox.receive('end');
      expect(inbox.messages.map((message) => message.payload.byteLength)).toEqual([512, 0, big.byteLength, 3]);
      expect(Buffer.from(inbox.messages[0]!.payload).equals(Buffer.from(all))).toBe(true);
      expect(Buffer.from(inbox.messages[2]!.payload).equals(Buffer.from(big))).toBe(true);
      expect(inbox.messages[0]!.payload).toBeInstanceOf(Uint8Array);
    });

    it('stops delivering to a listener once unsubscribed, and keeps the other listeners', async () => {
      const gone = createInbox();
      const unsubscribe = fixture.b.subscribe('doc', gone.listener);
      const stays = await subscribed(fixture.b, 'doc');
      await fixture.a.publish('doc', update('one'));
      await gone.receive('one');
      unsubscribe();
      unsubscribe();
      await fixture.a.publish('doc', update('two'));
      await stays.receive('two');
      expect(gone.messages.map(text)).toEqual(['one']);
    });

    it('subscribes again after the last listener of a document left', async () => {
      fixture.b.subscribe('doc', () => undefined)();
      const again = await subscribed(fixture.b, 'doc');
      await fixture.a.publish('doc', update('back'));
      await again.receive('back');
    });

    it('close is idempotent and ends delivery to that instance only', async () => {
      const onA = await subscribed(fixture.a, 'doc');
      const onB = await subscribed(fixture.b, 'doc');
      const watcher = fixture.a === fixture.b ? undefined : await subscribed(fixture.a, 'doc');
      await fixture.b.close();
      await fixture.b.close();
      expect(fixture.b.subscribe('doc', () => undefined)).toBeTypeOf('function');
      if (watcher === undefined) return;
      await fixture.a.publish('doc', update('after close'));
      await watcher.receive('after close');
      await onA.receive('after close');
      expect(onB.messages).toEqual([]);
    });

    if (!canInterrupt) return;
    it('calls onResync after the transport came back, and delivers again', async () => {
      const inbox = await subscribed(fixture.b, 'doc');
      let resyncs = 0;
      const unregister = fixture.b.onResync(() => (resyncs += 1));
      await fixture.interrupt!();
      await waitUntil(
        () => resyncs > 0,
        (wake) => fixture.b.onResync(wake),
        { timeoutMs: 10_000, what: 'onResync' },
      );
      unregister();
      await fixture.a.publish('doc', update('after resync'));
      await inbox.receive('after resync');
    });
  });
}
