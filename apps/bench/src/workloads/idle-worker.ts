/** Client side of workload 3 (idle connections): connect, sync, then do nothing. */
import * as Y from 'yjs';
import { createBenchClient, withTimeout, type BenchClient } from '../clients/bench-client.js';
import type { Endpoint } from '../servers/server-kind.js';
import type { Phases } from '../worker/phases.js';

const CONNECT_BATCH = 50;

export function createWorkerPhases(): Phases {
  const clients: BenchClient[] = [];
  return {
    connect: async ({ endpoint, rooms, perRoom }: { endpoint: Endpoint; rooms: string[]; perRoom: number }) => {
      const wanted = rooms.flatMap((room) => Array.from({ length: perRoom }, () => room));
      for (let i = 0; i < wanted.length; i += CONNECT_BATCH) {
        const batch = wanted.slice(i, i + CONNECT_BATCH).map((room) => createBenchClient(endpoint, room, new Y.Doc()));
        clients.push(...batch);
        await withTimeout(Promise.all(batch.map((c) => c.synced)), 60_000, 'idle clients to sync');
      }
      return clients.length;
    },
    close: async () => {
      for (const client of clients) client.close();
    },
  };
}
