import { encodeSyncStep2 } from '@marginalia/protocol';
import type { StoredUpdate } from '../ports/document-store.js';
import { checkStateVector } from './check-update.js';
import type { ClientFrame } from './client-frame.js';
import type { Connection } from './connection.js';

/**
 * Serving a fresh client from storage, before the document is rebuilt (DESIGN: "serving a fresh
 * client need not rebuild anything"). When the stored log is ONE row (a compacted snapshot, or a
 * doc written once), that row is everything stored, as one valid update; a client whose state
 * vector is empty lacks all of it, so the row itself is its sync step 2, with no decoding and no
 * re-encoding. Rows hold only integrated content (the relay stores what its doc emitted and
 * compacts with `encodeIntegratedState`), and a lone row depends on nothing else.
 *
 * Answers, in the room's backlog, the sync step 1 frames of fresh clients (still open) and removes
 * them from it; returns the connections served (they still need the relay's own sync step 1 once
 * the doc is built). Everything else stays queued in order, for after the rebuild. Does nothing
 * unless `rows` is exactly one row.
 */
export function serveStoredToFreshClients(
  rows: readonly StoredUpdate[],
  backlog: [Connection, ClientFrame][],
): Connection[] {
  const [only, ...others] = rows;
  if (only === undefined || others.length > 0) return [];
  const served: Connection[] = [];
  let frame: Uint8Array | undefined;
  for (let i = 0; i < backlog.length;) {
    const [connection, message] = backlog[i] as [Connection, ClientFrame];
    if (message.type !== 'sync-step-1' || !connection.open() || !isEmptyStateVector(message.stateVector)) {
      i += 1;
      continue;
    }
    frame ??= encodeSyncStep2(only.update);
    connection.send(frame);
    served.push(connection);
    backlog.splice(i, 1);
  }
  return served;
}

/** A valid state vector naming no client (client bytes: decoded and checked first). */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return checkStateVector(stateVector)?.size === 0;
}
