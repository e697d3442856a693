/** Client side of workload 4 (cold load): seed a big doc, then time a fresh client's sync. */
import * as Y from 'yjs';
import { createBenchClient, withTimeout, type BenchClient } from '../clients/bench-client.js';
import { addHighlight, whenHighlightCount } from '../highlights.js';
import type { Endpoint } from '../servers/server-kind.js';
import { nowMs } from '../stats.js';
import type { Phases } from '../worker/phases.js';

interface Target {
  readonly endpoint: Endpoint;
  readonly room: string;
  readonly highlights: number;
}

export function createWorkerPhases(): Phases {
  let seeder: BenchClient | undefined;
  return {
    /** Connects a client holding `highlights` highlights; waits for the durability ack if any. */
    seed: async ({ endpoint, room, highlights }: Target) => {
      seeder = createBenchClient(endpoint, room, highlightDoc(highlights));
      await withTimeout(seeder.synced, 60_000, 'seeding client to sync');
      const acks = seeder.acks;
      if (acks)
        await withTimeout(
          acks.whenSent(1).then(() => acks.whenAcked(1)),
          60_000,
          'seed ack',
        );
    },
    closeSeeder: async () => seeder?.close(),
    /** A fresh client with an empty doc: ms from socket creation until it holds every highlight. */
    load: async ({ endpoint, room, highlights }: Target) => {
      const start = nowMs();
      const client = createBenchClient(endpoint, room, new Y.Doc());
      await withTimeout(Promise.all([client.synced, whenHighlightCount(client.doc, highlights)]), 60_000, 'cold load');
      const ms = nowMs() - start;
      client.close();
      return ms;
    },
  };
}

/** A doc with `count` highlights, each added in its own transaction (as a user would). */
export function highlightDoc(count: number): Y.Doc {
  const doc = new Y.Doc();
  for (let i = 0; i < count; i++) addHighlight(doc, `h${i}`);
  return doc;
}
