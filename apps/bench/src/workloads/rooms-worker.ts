/** Client side of workloads 2 and 6 (many rooms; ack latency): every client writes and reads. */
import * as Y from 'yjs';
import { createBenchClient, withTimeout, type BenchClient } from '../clients/bench-client.js';
import { addHighlight, observeHighlights } from '../highlights.js';
import type { Endpoint } from '../servers/server-kind.js';
import { nowMs } from '../stats.js';
import type { Phases } from '../worker/phases.js';

export interface RoomsResult {
  readonly latencies: Float64Array;
  readonly ackLatencies: Float64Array;
  readonly expected: number;
  readonly unacked: number;
}

export function createWorkerPhases(): Phases {
  const clients: BenchClient[] = [];
  const latencies: number[] = [];
  return {
    connect: async ({ endpoint, rooms, perRoom }: { endpoint: Endpoint; rooms: string[]; perRoom: number }) => {
      for (const room of rooms) {
        for (let i = 0; i < perRoom; i++) {
          const doc = new Y.Doc();
          observeHighlights(doc, (sentAt) => latencies.push(nowMs() - sentAt));
          clients.push(createBenchClient(endpoint, room, doc));
        }
      }
      await withTimeout(Promise.all(clients.map((c) => c.synced)), 60_000, 'room clients to sync');
    },
    run: async ({
      updates,
      rate,
      perRoom,
    }: {
      updates: number;
      rate: number;
      perRoom: number;
    }): Promise<RoomsResult> => {
      const period = 1000 / rate;
      await Promise.all(clients.map((client, index) => write(client, index, updates, period)));
      const expected = clients.length * (perRoom - 1) * updates;
      const deadline = nowMs() + 30_000;
      while (latencies.length < expected && nowMs() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const acked = clients.flatMap((c) => (c.acks ? [withTimeout(c.acks.whenAcked(), 30_000, 'acks')] : []));
      await Promise.allSettled(acked);
      return {
        latencies: Float64Array.from(latencies),
        ackLatencies: Float64Array.from(clients.flatMap((c) => c.acks?.latencies ?? [])),
        expected,
        unacked: clients.reduce((n, c) => n + (c.acks ? c.acks.sent - c.acks.acked : 0), 0),
      };
    },
    close: async () => {
      for (const client of clients) client.close();
    },
  };
}

/** `updates` highlights, one every `period` ms, starting at a random phase. */
async function write(client: BenchClient, index: number, updates: number, period: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * period));
  const start = nowMs();
  for (let i = 0; i < updates; i++) {
    addHighlight(client.doc, `c${index}-${i}`, nowMs());
    const next = start + (i + 1) * period;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - nowMs())));
  }
}
