import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { createReplica, receive, syncPair, type Replica } from './test-helpers.js';
import type { ChangeEvent } from './change-event.js';

// "friendsforever" from editing-traces by Joseph Gentle (CC BY 4.0): two people typing concurrently.
interface Trace {
  endContent: string;
  txns: Array<{ agent: number; parents: number[]; patches: Array<[number, number, string]> }>;
}
const trace = JSON.parse(
  gunzipSync(readFileSync(new URL('../test-data/friendsforever.json.gz', import.meta.url))).toString('utf8'),
) as Trace;

/** One update a replica produced, with the clock range of its author's client it covers. */
interface Logged {
  client: number;
  from: number;
  to: number;
  update: Uint8Array;
}

describe('note bodies under a real concurrent editing trace', () => {
  it('two users replaying friendsforever through the model converge on the final text, with every keystroke attributed', () => {
    const users = [createReplica('alice', { clientID: 1 }), createReplica('bob', { clientID: 2 })] as const;
    const note = users[0].model.notes.create();
    syncPair(users[0].doc, users[1].doc);
    // Each user's local updates in order, with the clock range of their own client each one covers.
    const logs = new Map<number, Logged[]>();
    for (const { doc } of users) {
      const log: Logged[] = [];
      logs.set(doc.clientID, log);
      doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tx: Y.Transaction) => {
        if (!tx.local) return;
        const from = tx.beforeState.get(doc.clientID) ?? 0;
        const to = tx.afterState.get(doc.clientID) ?? 0;
        if (to > from) log.push({ client: doc.clientID, from, to, update });
      });
    }
    const remoteEvents: ChangeEvent[] = [];
    users[1].model.changes.subscribe((events) => remoteEvents.push(...events.filter((e) => !e.local)));

    // The state vector each trace transaction ended at; a transaction starts from the union of its parents'.
    const ended: Array<Map<number, number>> = [];
    const inserted = [0, 0];
    const cursors = users.map(() => new Map<number, number>());
    const catchUp = (agent: number, parents: number[]): void => {
      const replica = users[agent]!;
      for (const [client, log] of logs) {
        if (client === replica.doc.clientID) continue;
        const needed = Math.max(0, ...parents.map((p) => ended[p]?.get(client) ?? 0));
        let i = cursors[agent]!.get(client) ?? 0;
        for (; i < log.length && log[i]!.to <= needed; i++) receive(replica.doc, log[i]!.update);
        cursors[agent]!.set(client, i);
      }
    };
    for (const txn of trace.txns) {
      const replica = users[txn.agent]!;
      catchUp(txn.agent, txn.parents);
      for (const [pos, del, text] of txn.patches) {
        replica.model.notes.replaceText(note.id, pos, del, text);
        inserted[txn.agent]! += text.length;
      }
      ended.push(Y.decodeStateVector(Y.encodeStateVector(replica.doc)));
    }
    syncPair(users[0].doc, users[1].doc);

    for (const { model } of users) expect(model.notes.get(note.id)?.body).toBe(trace.endContent);
    const spans = users[1].model.authorship.spans(users[1].model.notes.body(note.id));
    const written = { alice: 0, bob: 0 } as Record<string, number>;
    for (const span of spans)
      written[String(span.userId)] = (written[String(span.userId)] ?? 0) + span.end - span.start;
    expect(Object.keys(written).sort()).toEqual(['alice', 'bob']);
    expect(written.alice! + written.bob!).toBe(trace.endContent.length);
    expect(written.alice!).toBeLessThanOrEqual(inserted[0]!);
    expect(written.bob!).toBeLessThanOrEqual(inserted[1]!);
    expect(users[0].model.authorship.spans(users[0].model.notes.body(note.id))).toEqual(spans);
    expect(remoteEvents.length).toBeGreaterThan(0);
    expect(new Set(remoteEvents.map((e) => `${e.type}:${e.userId}`))).toEqual(new Set(['note.edited:alice']));
  }, 60_000);
});
