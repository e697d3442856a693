import type * as Y from 'yjs';
import { pendingBytes } from './check-update.js';
import { decodeDigest, digestDoc, encodeDigest, lacks, type DocDigest } from './doc-digest.js';
import { errorFields, type Logger } from './logger.js';
import type { ResyncCause } from './resync-cause.js';

export interface RoomAntiEntropyOptions {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly logger: Logger;
  /** How long a copy may lag behind what another relay said it held (messages in flight). */
  readonly graceMs: number;
  /** Digests are published while the room wrote something of its own within this long. */
  readonly activeMs: number;
  readonly now: () => number;
  publishDigest(payload: Uint8Array): void;
  resync(cause: ResyncCause): void;
}

/** Anti-entropy of one loaded document between relays (see decision 0008). */
export interface RoomAntiEntropy {
  /** The room published an update of its own (it has something others must get). */
  wroteLocally(): void;
  /** The relay's periodic tick: publish this copy's digest while the room is active. */
  tick(): void;
  /** Another relay's digest: after the grace period this copy must hold at least as much. */
  remoteDigest(payload: Uint8Array, origin: string): void;
  /** Around integrating a fanout update: pending bytes it added mean something was missed. */
  fanoutIntegrated(pendingBefore: number): void;
  close(): void;
}

/**
 * Detects what the fanout lost while the connection stayed up, and asks for a reread from storage:
 * an update from the fanout that Yjs holds pending (its dependencies never came), or another
 * relay's digest that this copy does not reach after `graceMs` (everything that relay held then
 * was stored and published before it said so, so only a loss explains the lag).
 */
export function createRoomAntiEntropy(options: RoomAntiEntropyOptions): RoomAntiEntropy {
  let lastWrite = Number.NEGATIVE_INFINITY;
  // One check per relay at a time: its digest, compared once its grace period is over.
  const checks = new Map<string, ReturnType<typeof setTimeout>>();
  let pendingTimer: ReturnType<typeof setTimeout> | undefined;

  const compare = (origin: string, remote: DocDigest): void => {
    checks.delete(origin);
    const missing = lacks(digestDoc(options.doc), remote);
    if (missing === undefined) return;
    options.logger.info({ doc: options.docName, origin, missing }, 'document behind another relay');
    options.resync('state_vector');
  };

  return {
    wroteLocally() {
      lastWrite = options.now();
    },
    tick() {
      if (options.now() - lastWrite <= options.activeMs) options.publishDigest(encodeDigest(digestDoc(options.doc)));
    },
    remoteDigest(payload, origin) {
      let digest: DocDigest;
      try {
        digest = decodeDigest(payload);
      } catch (error) {
        return options.logger.warn(
          { doc: options.docName, origin, ...errorFields(error) },
          'bad digest from the fanout',
        );
      }
      if (!checks.has(origin))
        checks.set(
          origin,
          setTimeout(() => compare(origin, digest), options.graceMs),
        );
    },
    fanoutIntegrated(pendingBefore) {
      if (pendingBytes(options.doc) <= pendingBefore || pendingTimer !== undefined) return;
      // Ordered delivery makes this a loss: what a relay integrated was published before it built on it.
      pendingTimer = setTimeout(
        () => {
          pendingTimer = undefined;
          if (pendingBytes(options.doc) > 0) options.resync('pending');
        },
        Math.min(options.graceMs, 250),
      );
    },
    close() {
      checks.forEach((timer) => clearTimeout(timer));
      checks.clear();
      clearTimeout(pendingTimer);
    },
  };
}
