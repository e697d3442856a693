import * as Y from 'yjs';
import {
  decodeFrame,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  type Frame,
  type RelayInfo,
} from '@marginalia/protocol';
import { ClientError } from './client-error.js';
import type { RelayLimits } from './relay-limits.js';
import type { SendPacer } from './send-pacer.js';
import { FRAME_OVERHEAD, splitUpdate } from './split-update.js';
import { createTimer, type Timers } from './timers.js';
import type { Transport } from './transport.js';
import type { UnsyncedTracker } from './unsynced-tracker.js';

export interface DocSyncOptions {
  readonly doc: Y.Doc;
  readonly transport: Transport;
  readonly tracker: UnsyncedTracker;
  /** Resolves once every local write issued so far is in the local store. */
  readonly flushLocal: () => Promise<void>;
  /** Origin of updates applied from the relay. */
  readonly origin: object;
  readonly timers: Timers;
  /** Send a sync step 1 this often while connected (heals anything missed; keeps the connection live). */
  readonly resyncIntervalMs: number;
  /** The relay's limits: what is sent is split to fit its frame limit. */
  readonly limits: RelayLimits;
  readonly pacer: SendPacer;
  /** A relay-info frame arrived (before the relay's answer to our sync step 1). */
  readonly onRelayInfo: (info: RelayInfo) => void;
  readonly onAwareness: (update: Uint8Array) => void;
  readonly onQueryAwareness: () => void;
  readonly onError: (error: ClientError) => void;
  /** The handshake or the unsynced count changed. */
  readonly onChange: () => void;
}

export interface DocSync {
  /** Both sync steps are done on the current connection: we have what the relay had, and it was sent ours. */
  readonly handshakeDone: boolean;
  /** Queue an update that the relay must get (a local change, or one from another tab). */
  enqueue(update: Uint8Array): void;
  close(): void;
}

/**
 * The y-websocket sync protocol for one document over a transport, with local-first ordering: nothing goes
 * out before the local store has it. On each connection our sync step 2 goes out before any update, so the
 * messages of a connection always cover a prefix of the local changes (see unsynced-tracker.ts).
 */
export function createDocSync(options: DocSyncOptions): DocSync {
  const { doc, transport, tracker } = options;
  const resyncTimer = createTimer(options.timers);
  let connection = 0;
  let receivedStep2 = false;
  let step2Sent = false;
  let queue: Array<{ update: Uint8Array; covers: number }> = [];
  let pumpQueued = false;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const job = (work: (conn: number) => Promise<void>): void => {
    const conn = connection;
    chain = chain
      .then(() => (conn === connection && !closed ? work(conn) : undefined))
      .catch((error: unknown) =>
        options.onError(new ClientError('protocol_error', `sending failed: ${String(error)}`, { cause: error })),
      );
  };

  /** Waits until the local store holds every local change, also those made while waiting (bounded). */
  const flushStable = async (): Promise<void> => {
    for (let round = 0; round < 5; round += 1) {
      const seen = tracker.latest;
      await options.flushLocal();
      if (tracker.latest === seen) return;
    }
  };

  /**
   * Sends one update in frames that fit the relay's frame limit, paced to its byte rate. Only the last frame
   * covers `covers` (an ack of the first ones confirms nothing new). False when the connection changed meanwhile.
   */
  const sendSplit = async (
    conn: number,
    update: Uint8Array,
    covers: number,
    first: (update: Uint8Array) => Uint8Array,
  ): Promise<boolean> => {
    const chunks = splitUpdate(update, options.limits.info.maxFrameBytes - FRAME_OVERHEAD);
    for (const [index, chunk] of chunks.entries()) {
      if (chunks.length > 1) await options.pacer.take(chunk.byteLength);
      if (conn !== connection) return false;
      if (!transport.send(index === 0 ? first(chunk) : encodeSyncUpdate(chunk))) return false;
      tracker.recordSent(index === chunks.length - 1 ? covers : 0);
    }
    return true;
  };

  const answerStep1 = (stateVector: Uint8Array): void => {
    const remote = stateVector.slice();
    job(async (conn) => {
      await flushStable();
      if (conn !== connection) return;
      const covers = tracker.latest;
      const update = Y.encodeStateAsUpdate(doc, remote);
      queue = [];
      if (!(await sendSplit(conn, update, covers, encodeSyncStep2))) return;
      step2Sent = true;
      if (receivedStep2) transport.markHealthy();
      options.onChange();
      pump();
    });
  };

  const pump = (): void => {
    if (!step2Sent || pumpQueued || queue.length === 0) return;
    pumpQueued = true;
    job(async (conn) => {
      pumpQueued = false;
      const items = queue;
      queue = [];
      if (items.length === 0) return;
      await options.flushLocal();
      if (conn !== connection) return;
      const update =
        items.length === 1
          ? (items[0] as { update: Uint8Array }).update
          : Y.mergeUpdates(items.map((item) => item.update));
      await sendSplit(conn, update, Math.max(...items.map((item) => item.covers)), encodeSyncUpdate);
      pump();
    });
  };

  const applyRemote = (update: Uint8Array): boolean => {
    try {
      Y.applyUpdate(doc, update, options.origin);
      return true;
    } catch (cause) {
      options.onError(new ClientError('protocol_error', 'the relay sent an update that does not apply', { cause }));
      return false;
    }
  };

  const handle = (frame: Frame): void => {
    switch (frame.type) {
      case 'sync-step-1':
        return answerStep1(frame.stateVector);
      case 'sync-step-2':
        if (applyRemote(frame.update) && !receivedStep2) {
          receivedStep2 = true;
          if (step2Sent) transport.markHealthy();
          options.onChange();
        }
        return;
      case 'sync-update':
        applyRemote(frame.update);
        return;
      case 'awareness':
        return options.onAwareness(frame.update);
      case 'query-awareness':
        return options.onQueryAwareness();
      case 'permission-denied':
        return options.onError(new ClientError('permission_denied', `the relay refused a write: ${frame.reason}`));
      case 'durable-ack':
        if (tracker.recordAck(frame.count)) options.onChange();
        return;
      case 'relay-info':
        return options.onRelayInfo(frame.info);
    }
  };

  const armResync = (): void =>
    resyncTimer.arm(options.resyncIntervalMs, () => {
      if (transport.send(encodeSyncStep1(Y.encodeStateVector(doc)))) armResync();
    });

  const offOpen = transport.on('open', () => {
    connection += 1;
    receivedStep2 = false;
    step2Sent = false;
    pumpQueued = false;
    tracker.startConnection();
    transport.send(encodeSyncStep1(Y.encodeStateVector(doc)));
    armResync();
    options.onChange();
  });
  const offMessage = transport.on('message', (bytes) => {
    let frame: Frame;
    try {
      frame = decodeFrame(bytes);
    } catch (cause) {
      options.onError(
        new ClientError('protocol_error', `the relay sent an invalid frame: ${String(cause)}`, { cause }),
      );
      return;
    }
    handle(frame);
  });
  const offClosed = transport.on('closed', () => {
    connection += 1;
    receivedStep2 = false;
    step2Sent = false;
    resyncTimer.cancel();
    options.onChange();
  });

  return {
    get handshakeDone() {
      return receivedStep2 && step2Sent;
    },
    enqueue(update) {
      queue.push({ update, covers: tracker.latest });
      pump();
    },
    close() {
      closed = true;
      resyncTimer.cancel();
      offOpen();
      offMessage();
      offClosed();
    },
  };
}
