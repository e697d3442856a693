/** Client side of workload 5 (offline merge): an observer, and a client back from offline. */
import * as Y from 'yjs';
import { createBenchClient, withTimeout, type BenchClient } from '../clients/bench-client.js';
import { whenHighlightCount } from '../highlights.js';
import type { Endpoint } from '../servers/server-kind.js';
import { nowMs } from '../stats.js';
import type { Phases } from '../worker/phases.js';
import { highlightDoc } from './cold-worker.js';

interface Target {
  readonly endpoint: Endpoint;
  readonly room: string;
  readonly edits: number;
}

export interface MergeTimes {
  /** ms from reconnect until the observer holds every edit. */
  readonly visibleMs: number;
  /** ms from reconnect until the relay acked everything (Marginalia only). */
  readonly storedMs: number | undefined;
}

export function createWorkerPhases(): Phases {
  const clients: BenchClient[] = [];
  let offline: Y.Doc | undefined;
  return {
    /** Builds the offline client's doc up front so only the merge is timed. */
    prepare: async ({ edits }: Target) => {
      offline = highlightDoc(edits);
    },
    merge: async ({ endpoint, room, edits }: Target): Promise<MergeTimes> => {
      const observer = createBenchClient(endpoint, room, new Y.Doc());
      clients.push(observer);
      await withTimeout(observer.synced, 30_000, 'observer to sync');
      if (!offline) throw new Error('prepare first');
      const start = nowMs();
      const visible = whenHighlightCount(observer.doc, edits).then(() => nowMs() - start);
      const returning = createBenchClient(endpoint, room, offline);
      clients.push(returning);
      const stored = storedAfter(returning, start);
      const [visibleMs, storedMs] = await withTimeout(Promise.all([visible, stored]), 60_000, 'offline merge');
      return { visibleMs, storedMs };
    },
    close: async () => {
      for (const client of clients) client.close();
    },
  };
}

async function storedAfter(client: BenchClient, start: number): Promise<number | undefined> {
  const acks = client.acks;
  if (!acks) return undefined;
  // The offline edits leave as the sync step 2 answering the relay's step 1: the first update frame.
  await acks.whenSent(1);
  await acks.whenAcked(1);
  return nowMs() - start;
}
