/** Client side of workload 1 (fan-out): one writer or many readers of one room. */
import * as Y from 'yjs';
import { createBenchClient, withTimeout, type BenchClient } from '../clients/bench-client.js';
import { addHighlight, observeHighlights } from '../highlights.js';
import { createThinReader, type ThinReader } from '../clients/thin-reader.js';
import type { Endpoint } from '../servers/server-kind.js';
import { nowMs } from '../stats.js';
import type { Phases } from '../worker/phases.js';

export interface FanoutConnect {
  readonly endpoint: Endpoint;
  readonly room: string;
  /** Stock provider clients (apply every update to a Y.Doc). */
  readonly count: number;
  /** Thin readers (real handshake, then only timestamp update frames). */
  readonly thin: number;
}

export interface FanoutCollected {
  readonly latencies: Float64Array;
  readonly received: number;
  readonly lastAt: number;
}

export function createWorkerPhases(): Phases {
  const clients: BenchClient[] = [];
  const thins: ThinReader[] = [];
  const latencies: number[] = [];
  let lastAt = 0;
  return {
    connect: async ({ endpoint, room, count, thin }: FanoutConnect) => {
      const record = (sentAt: number) => {
        lastAt = nowMs();
        latencies.push(lastAt - sentAt);
      };
      const thinReaders = Array.from({ length: thin }, () => createThinReader(endpoint, room, record));
      for (let i = 0; i < count; i++) {
        const doc = new Y.Doc();
        observeHighlights(doc, record);
        clients.push(createBenchClient(endpoint, room, doc));
      }
      thins.push(...thinReaders);
      const all = [...clients, ...thinReaders].map((c) => c.synced);
      await withTimeout(Promise.all(all), 60_000, 'fan-out clients to sync');
    },
    send: async ({ updates, rate }: { updates: number; rate: number }) => {
      const writer = clients[0];
      if (!writer) throw new Error('no writer connected');
      const start = nowMs();
      let sent = 0;
      while (sent < updates) {
        const due = Math.min(updates, Math.floor(((nowMs() - start) * rate) / 1000) + 1);
        for (; sent < due; sent++) addHighlight(writer.doc, `h${sent}`, nowMs());
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return start;
    },
    collect: async ({ expected, timeoutMs }: { expected: number; timeoutMs: number }): Promise<FanoutCollected> => {
      const deadline = nowMs() + timeoutMs;
      while (latencies.length < expected && nowMs() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return { latencies: Float64Array.from(latencies), received: latencies.length, lastAt };
    },
    close: async () => {
      for (const client of [...clients, ...thins]) client.close();
    },
  };
}
