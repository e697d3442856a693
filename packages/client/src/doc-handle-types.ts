import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { ChangeEvent, Model } from '@marginalia/model';
import type { ChangeSummary } from './change-summaries.js';
import type { ClientError } from './client-error.js';
import type { Presence } from './presence.js';
import type { SyncState } from './sync-state.js';

export type SyncStatus = 'offline' | 'connecting' | 'connected' | 'synced';

export interface DocHandleEvents extends Record<string, readonly unknown[]> {
  /** The coarse status, at once on every change (see `state` for what to show). */
  status: [SyncStatus];
  /** The named state (`handle.state`), debounced: `saving` and `connecting` only once they lasted `statusDelayMs`. */
  state: [SyncState];
  unsynced: [number];
  error: [ClientError];
  /** Every batch of the model's change feed (local and remote), except what loading the local copy replays. */
  changes: [ChangeEvent[]];
  /** Others' changes after a burst went quiet. */
  summary: [ChangeSummary];
  /** Unread count for this user (computed only while someone listens). */
  unread: [number];
  /** The connection failed; the next attempt starts in this many ms. */
  retry: [number];
}

export interface DocHandle {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly model: Model;
  readonly presence: Presence;
  readonly awareness: Awareness;
  readonly status: SyncStatus;
  /** Where the document stands, as a UI shows it (debounced like the `state` event). */
  readonly state: SyncState;
  /** While `unreachable`: try now instead of at `nextRetryAt`. */
  retryNow(): void;
  /** Local changes the relay has not yet confirmed as stored. */
  readonly unsyncedChanges: number;
  /** Resolves once the local copy is loaded (never waits for the network). */
  readonly whenLoaded: Promise<void>;
  /**
   * Resolves when the relay has stored every local change made so far: at once while the status is `synced`,
   * else the next time it is (after reconnects, too). Rejects with `closed` once the handle is closed.
   */
  readonly whenSynced: Promise<void>;
  /** Why the connection stopped retrying (4401 without a fresh token, 4403, ...), if it did. */
  readonly stoppedBy: ClientError | undefined;
  on<K extends keyof DocHandleEvents>(event: K, listener: (...args: DocHandleEvents[K]) => void): () => void;
  /**
   * Gives back this `open()`: each `client.open(name)` must be paired with one `close()`. The document
   * (socket, local store, presence) is released when the last opener closed it, or by `client.close()`.
   */
  close(): Promise<void>;
}

/** Internal: the client drives connect/disconnect of each handle and counts its openers. */
export interface ManagedDocHandle extends DocHandle {
  connect(): void;
  /** `paused`: the app chose to work offline; `no-network`: the device is offline. */
  disconnect(reason?: 'paused' | 'no-network'): void;
  /** One more opener. */
  retain(): void;
  /** Releases the document now, whoever still holds it. */
  destroy(): Promise<void>;
}
