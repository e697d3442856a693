import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { createRng } from '@marginalia/seeded-rng';

/**
 * Legitimate concurrent editing, as updates a relay would receive: a real two-person trace and an
 * offline merge of many clients (for bounds that must never refuse real collaboration).
 */

/** One update a client sent, in the order the relay receives them. */
export interface SentUpdate {
  readonly client: number;
  readonly update: Uint8Array;
}

interface ConcurrentTrace {
  endContent: string;
  txns: Array<{ agent: number; parents: number[]; patches: Array<[number, number, string]> }>;
}

/**
 * "friendsforever" from editing-traces by Joseph Gentle (CC BY 4.0,
 * packages/testkit/test-data): two people typing concurrently into the root text `body`. Each
 * transaction is sent as it is made; an agent sees the other's updates once its trace says so.
 */
export function friendsForeverUpdates(): { updates: SentUpdate[]; endContent: string } {
  const file = new URL('../test-data/friendsforever.json.gz', import.meta.url);
  const trace = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as ConcurrentTrace;
  const docs = [0, 1].map((agent) => {
    const doc = new Y.Doc();
    doc.clientID = 7001 + agent;
    return doc;
  });
  const sent: SentUpdate[] = [];
  const logs = docs.map(() => [] as Uint8Array[]);
  // How many transactions of each agent a transaction's state includes (each agent's own are in order).
  const known: Array<[number, number]> = [];
  const applied = [0, 0];
  for (const txn of trace.txns) {
    const agent = txn.agent;
    const other = 1 - agent;
    const doc = docs[agent]!;
    const counts: [number, number] = [0, 0];
    for (const p of txn.parents) for (const a of [0, 1]) counts[a] = Math.max(counts[a]!, known[p]![a]!);
    for (; applied[agent]! < counts[other]!; applied[agent]! += 1)
      Y.applyUpdate(doc, logs[other]![applied[agent]!]!, 'remote');
    const text = doc.getText('body');
    let update: Uint8Array = new Uint8Array([0, 0]); // what the transaction's update event carries (nothing for no patches)
    const capture = (u: Uint8Array): void => {
      update = u;
    };
    doc.on('update', capture);
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del);
        if (ins.length > 0) text.insert(pos, ins);
      }
    });
    doc.off('update', capture);
    logs[agent]!.push(update);
    sent.push({ client: doc.clientID, update });
    counts[agent] = logs[agent]!.length;
    known.push(counts);
  }
  docs.forEach((doc) => doc.destroy());
  return { updates: sent, endContent: trace.endContent };
}

/**
 * `clients` people who all loaded the same note (`base`: a few paragraphs) and then worked
 * offline: words typed at random places, many at the very end (the same position for all of
 * them), typos fixed with backspace, a few sentences deleted. Each client's work is one update,
 * as it sends it on reconnecting. Seeded: the same arguments give the same updates.
 */
export function offlineMerge(clients: number, seed = 1): { base: Uint8Array; updates: SentUpdate[] } {
  const rng = createRng(seed);
  const origin = new Y.Doc();
  origin.getText('body').insert(0, 'The quick brown fox jumps over the lazy dog. '.repeat(40));
  const base = Y.encodeStateAsUpdate(origin);
  origin.destroy();
  const updates: SentUpdate[] = [];
  for (let c = 0; c < clients; c++) {
    const doc = new Y.Doc();
    doc.clientID = 9000 + c;
    Y.applyUpdate(doc, base);
    const text = doc.getText('body');
    for (let edit = 0; edit < 40; edit++) {
      const atEnd = rng.chance(0.4);
      let pos = atEnd ? text.length : rng.int(text.length + 1);
      for (const ch of `word${c}-${edit} `) {
        text.insert(pos, ch);
        pos += 1;
        if (rng.chance(0.05)) {
          text.insert(pos, 'z');
          text.delete(pos, 1); // a typo, fixed at once
        }
      }
      if (rng.chance(0.1) && text.length > 30) text.delete(rng.int(text.length - 30), rng.int(30));
    }
    updates.push({ client: doc.clientID, update: Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(base)) });
    doc.destroy();
  }
  return { base, updates };
}
