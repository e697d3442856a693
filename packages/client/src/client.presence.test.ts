import { describe, expect } from 'vitest';
import { decodeSelection, encodeSelection } from '@marginalia/model';
import type { PeerPresence } from './presence.js';
import { createManualTimers } from './fixtures/manual-timers.js';
import { synced, waitForHandle } from './fixtures/node-client.js';
import { createRelayTest } from './fixtures/relay-test.js';
import { createSocketSpy } from './fixtures/socket-spy.js';

const test = createRelayTest();

describe('presence through the real relay', () => {
  const peer = (peers: PeerPresence[], id: string): PeerPresence | undefined => peers.find((p) => p.user.id === id);

  test('two users see each other, their location, typing and its expiry', async ({ client }) => {
    const a = client('alice', { presence: { typingTimeoutMs: 400 } }).open('band-7/presence');
    const b = client('bob').open('band-7/presence');
    await Promise.all([synced(a), synced(b)]);
    await waitForHandle(b, (h) => peer(h.presence.others(), 'alice')?.status === 'active', 'bob to see alice');
    await waitForHandle(a, (h) => peer(h.presence.others(), 'bob')?.user.name === 'Bob', 'alice to see bob');
    expect(peer(b.presence.others(), 'bob')).toBeUndefined();

    a.presence.set({ location: { ref: 'setlist-3', label: 'Third set' } });
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.location?.ref === 'setlist-3',
      'bob to see the location',
    );
    expect(peer(b.presence.others(), 'alice')?.location?.label).toBe('Third set');

    const note = a.model.notes.create({ body: '' });
    a.presence.typing(note.id);
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.typing?.noteId === note.id,
      'bob to see alice typing',
    );
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.typing === undefined,
      'the typing indicator to expire',
    );
    expect(peer(b.presence.others(), 'alice')?.location?.ref).toBe('setlist-3');
  });

  test('idle and away after inactivity, active again on activity', async ({ client }) => {
    const win = new EventTarget();
    const a = client('alice', { presence: { idleAfterMs: 300, awayAfterMs: 700 }, window: win }).open('band-7/idle');
    const b = client('bob').open('band-7/idle');
    await waitForHandle(b, (h) => peer(h.presence.others(), 'alice')?.status === 'active', 'alice active');
    await waitForHandle(b, (h) => peer(h.presence.others(), 'alice')?.status === 'idle', 'alice idle');
    await waitForHandle(b, (h) => peer(h.presence.others(), 'alice')?.status === 'away', 'alice away');
    a.model.highlights.create({ anchor: { kind: 'ref', ref: 'back' } });
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.status === 'active',
      'alice active after an edit',
    );
    await waitForHandle(b, (h) => peer(h.presence.others(), 'alice')?.status === 'idle', 'alice idle again');
    win.dispatchEvent(new Event('keydown'));
    expect(a.presence.local.status).toBe('active');
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.status === 'active',
      'alice active after a key press',
    );
  });

  test("a selection in a text follows the other user's edits", async ({ client }) => {
    const a = client('alice').open('band-7/selection');
    const b = client('bob').open('band-7/selection');
    a.doc.getText('chapter-1').insert(0, 'In the beginning');
    await synced(a);
    await waitForHandle(b, (h) => h.doc.getText('chapter-1').toString() === 'In the beginning', 'bob to get the text');
    a.presence.set({ selection: encodeSelection(a.doc, 'chapter-1', 7, 16) });
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.selection !== undefined,
      'bob to see the selection',
    );
    const selection = peer(b.presence.others(), 'alice')!.selection!;
    expect(decodeSelection(b.doc, selection)).toEqual({ anchor: 7, head: 16 });
    b.doc.getText('chapter-1').insert(0, 'Genesis 1. ');
    expect(decodeSelection(b.doc, selection)).toEqual({ anchor: 18, head: 27 });
    expect(b.doc.getText('chapter-1').toString().slice(18, 27)).toBe('beginning');
    a.presence.set({ selection: null });
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.selection === undefined,
      'the selection to be cleared',
    );
  });

  test("an editor binding's cursor field beside ours: the peer stays in others(), and presence.set keeps the cursor", async ({
    client,
  }) => {
    const a = client('alice').open('band-7/cursor');
    const b = client('bob').open('band-7/cursor');
    a.doc.getText('chapter-1').insert(0, 'In the beginning');
    await synced(a);
    await waitForHandle(b, (h) => peer(h.presence.others(), 'alice') !== undefined, 'bob to see alice');
    // What y-prosemirror's and y-codemirror.next's cursor plugins do with the shared awareness.
    const cursor = {
      anchor: encodeSelection(a.doc, 'chapter-1', 3, 3).anchor,
      head: encodeSelection(a.doc, 'chapter-1', 6, 6).head,
    };
    a.awareness.setLocalStateField('cursor', cursor);
    a.presence.set({ location: { ref: 'genesis-1' } });
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.location?.ref === 'genesis-1',
      'bob to see the location',
    );
    const remote = b.awareness.getStates().get(a.awareness.clientID) as Record<string, unknown>;
    expect(remote.cursor).toEqual(cursor);
    expect(Object.keys(peer(b.presence.others(), 'alice')!)).not.toContain('cursor');
    a.presence.set({ location: null });
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.location === undefined,
      'the location to be cleared',
    );
    expect((b.awareness.getStates().get(a.awareness.clientID) as Record<string, unknown>).cursor).toEqual(cursor);
  });

  test('one entry per user across devices; a closed client disappears from the others', async ({ client }) => {
    const phone = client('alice');
    const laptop = client('alice');
    const b = client('bob').open('band-7/devices');
    phone.open('band-7/devices').presence.set({ location: { ref: 'song-1' } });
    laptop.open('band-7/devices').presence.set({ location: { ref: 'song-2' } });
    await waitForHandle(b, (h) => peer(h.presence.others(), 'alice')?.sessions === 2, 'two alice sessions');
    expect(b.presence.others().filter((p) => p.user.id === 'alice')).toHaveLength(1);

    await phone.close();
    await waitForHandle(b, (h) => peer(h.presence.others(), 'alice')?.sessions === 1, 'one alice session left');
    expect(peer(b.presence.others(), 'alice')?.location?.ref).toBe('song-2');
    await laptop.close();
    await waitForHandle(b, (h) => peer(h.presence.others(), 'alice') === undefined, 'alice gone');
  });
  test('throttles presence updates: a burst of 50 sets sends one message at once and one when the throttle ends, the last state', async ({
    client,
  }) => {
    const spy = createSocketSpy();
    const timers = createManualTimers();
    const a = client('alice', { WebSocket: spy.WebSocket, timers, presence: { throttleMs: 100 } }).open(
      'band-7/throttle',
    );
    const b = client('bob').open('band-7/throttle');
    await synced(a);
    await waitForHandle(b, (h) => peer(h.presence.others(), 'alice') !== undefined, 'bob to see alice');
    timers.advance(1000); // whatever the connect left in the throttle goes out now
    const awarenessSent = (): number => spy.sent.filter((frame) => frame.type === 'awareness').length;
    const before = awarenessSent();

    for (let index = 0; index < 50; index += 1) a.presence.set({ location: { ref: `page-${index}` } });
    expect(awarenessSent() - before).toBe(1);
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.location?.ref === 'page-0',
      'bob to see the first of the burst',
    );
    timers.advance(99);
    expect(awarenessSent() - before).toBe(1);
    timers.advance(1);
    expect(awarenessSent() - before).toBe(2);
    await waitForHandle(
      b,
      (h) => peer(h.presence.others(), 'alice')?.location?.ref === 'page-49',
      'bob to see the last of the burst',
    );
    timers.advance(1000);
    expect(awarenessSent() - before).toBe(2);
  });
});
