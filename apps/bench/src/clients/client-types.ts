/** What every benchmark client offers, whichever server it speaks to. */
import type * as Y from 'yjs';
import type { AckTracker } from './ack-tracker.js';

export interface BenchClient {
  readonly doc: Y.Doc;
  /** Resolves when the initial sync is done (raw relay: when the socket is open). */
  readonly synced: Promise<void>;
  /** Durability acks (Marginalia relay only). */
  readonly acks: AckTracker | undefined;
  close(): void;
}
