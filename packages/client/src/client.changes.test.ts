import { IDBFactory } from 'fake-indexeddb';
import { describe, expect } from 'vitest';
import type { ChangeEvent } from '@marginalia/model';
import type { ChangeSummary } from './change-summaries.js';
import { synced, waitForHandle } from './fixtures/node-client.js';
import { createRelayTest } from './fixtures/relay-test.js';

const test = createRelayTest({ client: { summaryQuietMs: 200 } });

describe('change feed and unread through the real relay', () => {
  test("B gets typed events and one summary for A's burst; B's unread count survives a reload and follows B", async ({
    client,
  }) => {
    const a = client('alice').open('band-7/feed');
    const bobsBrowser = new IDBFactory();
    const bob = client('bob', { indexedDB: bobsBrowser });
    const b = bob.open('band-7/feed');
    const events: ChangeEvent[] = [];
    const summaries: ChangeSummary[] = [];
    b.on('changes', (batch) => events.push(...batch));
    b.on('summary', (summary) => summaries.push(summary));
    const note = a.model.notes.create({ body: 'Setlist' });
    await waitForHandle(b, (h) => h.model.notes.has(note.id), 'bob to get the note');
    b.model.unread.markRead();
    await synced(b);
    await waitForHandle(
      b,
      (h) => h.presence.others().some((p) => p.user.name === 'Alice'),
      'bob to know alice by name',
    );
    await waitForHandle(b, () => summaries.length === 1, 'the summary of the first note');
    expect(summaries[0]?.lines).toEqual(['Alice wrote a note']);
    events.length = 0;
    summaries.length = 0;

    for (const ref of ['s1', 's2', 's3']) a.model.highlights.create({ anchor: { kind: 'ref', ref } });
    a.model.notes.insertText(note.id, 7, ' for Friday');
    await waitForHandle(b, () => summaries.length > 0, 'a summary');

    expect(events.filter((e) => e.type === 'highlight.created')).toHaveLength(3);
    expect(events.some((e) => e.type === 'note.edited' && e.id === note.id)).toBe(true);
    expect(events.every((e) => !e.local && e.userId === 'alice')).toBe(true);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.lines).toEqual(['Alice added 3 highlights and edited a note']);
    expect(b.model.unread.count()).toBe(4);
    await synced(b);
    await bob.close();

    const reloaded = client('bob', { indexedDB: bobsBrowser, autoConnect: false }).open('band-7/feed');
    await reloaded.whenLoaded;
    expect(reloaded.model.unread.count()).toBe(4);
    expect(
      reloaded.model.unread
        .items()
        .map((item) => item.type)
        .sort(),
    ).toEqual(['highlight.created', 'highlight.created', 'highlight.created', 'note.edited']);

    const otherDevice = client('bob').open('band-7/feed');
    await synced(otherDevice);
    expect(otherDevice.model.unread.count()).toBe(4);
    const counts: number[] = [];
    otherDevice.on('unread', (count) => counts.push(count));
    otherDevice.model.unread.markRead();
    await waitForHandle(otherDevice, () => counts.includes(0), 'an unread event with 0');
  });
  test('loading the local copy and syncing what it already had announce nothing; only news arriving after the load does', async ({
    client,
  }) => {
    const alice = client('alice');
    const a = alice.open('band-7/replay');
    const bobsBrowser = new IDBFactory();
    const firstVisit = client('bob', { indexedDB: bobsBrowser });
    const before = firstVisit.open('band-7/replay');
    const note = a.model.notes.create({ body: 'Old news' });
    for (const ref of ['o1', 'o2', 'o3']) a.model.highlights.create({ anchor: { kind: 'ref', ref } });
    await waitForHandle(
      before,
      (h) => h.model.highlights.list().length === 3 && h.model.notes.has(note.id),
      'bob to get the old news',
    );
    await synced(before);
    await firstVisit.close();
    const whileAway = a.model.highlights.create({ anchor: { kind: 'ref', ref: 'while-away' } });
    await synced(a);

    const events: ChangeEvent[] = [];
    const summaries: ChangeSummary[] = [];
    const b = client('bob', { indexedDB: bobsBrowser }).open('band-7/replay');
    b.on('changes', (batch) => events.push(...batch));
    b.on('summary', (summary) => summaries.push(summary));
    await b.whenLoaded;
    expect(b.model.highlights.list()).toHaveLength(3);
    expect(events).toEqual([]);
    await synced(b);
    await waitForHandle(b, () => summaries.length === 1, 'the summary of what changed while bob was away');
    expect(events.map((e) => [e.type, e.id])).toEqual([['highlight.created', whileAway.id]]);
    expect(summaries[0]?.changes.map((e) => e.id)).toEqual([whileAway.id]);
    expect(summaries[0]?.lines[0]).toMatch(/added a highlight$/);

    const fresh = [
      a.model.highlights.create({ anchor: { kind: 'ref', ref: 'n1' } }),
      a.model.highlights.create({ anchor: { kind: 'ref', ref: 'n2' } }),
    ];
    await waitForHandle(b, () => summaries.length === 2, 'the summary of the new highlights');
    expect(summaries[1]?.changes.map((e) => e.id).sort()).toEqual(fresh.map((h) => h.id).sort());
    expect(summaries[1]?.lines).toEqual(['Alice added 2 highlights']);
    expect(events).toHaveLength(3);
  });
  test("names an author who is offline: A (Alice) edits offline and leaves again before B hears of it; B's summary says Alice", async ({
    client,
    relay,
  }) => {
    const bob = client('bob');
    const b = bob.open('band-7/offline-author');
    await synced(b);
    bob.disconnect(); // B will hear of A's edits only after A's presence is gone
    const aliceDevice = new IDBFactory();
    const offline = client('alice', { indexedDB: aliceDevice, autoConnect: false });
    const a = offline.open('band-7/offline-author');
    await a.whenLoaded;
    for (const ref of ['x1', 'x2', 'x3']) a.model.highlights.create({ anchor: { kind: 'ref', ref } });
    await offline.close(); // A's session and its presence end while still offline
    const back = client('alice', { indexedDB: aliceDevice }).open('band-7/offline-author');
    await synced(back); // A reconnects and the relay stores the offline edits
    await back.close(); // ...and A leaves again (presence "gone")

    const summaries: ChangeSummary[] = [];
    const othersAtSummary: string[][] = [];
    b.on('summary', (summary) => {
      summaries.push(summary);
      othersAtSummary.push(b.presence.others().map((peer) => peer.user.id));
    });
    bob.connect();
    await waitForHandle(b, () => summaries.length === 1, "the summary of alice's offline edits");
    expect(othersAtSummary).toEqual([[]]); // nobody there to name her
    expect(summaries[0]?.lines).toEqual(['Alice added 3 highlights']);
    expect(b.model.people.get('alice')).toEqual({ name: 'Alice', color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
  });
});
