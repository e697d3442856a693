import * as Y from 'yjs';
import { CloseCode, encodeAwareness, isProtocolError, encodeSyncStep1, encodeSyncStep2 } from '@marginalia/protocol';
import { checkStateVector } from './check-update.js';
import { encodeIntegratedState } from './integrated-state.js';
import type { Connection } from './connection.js';
import { errorFields, type Logger } from './logger.js';
import { createPresence, DEFAULT_REMOTE_PRESENCE_TIMEOUT_MS } from './presence.js';
import type { PresenceBreach, PresenceLimits } from './presence-limits.js';
import type { RelayMetrics } from './relay-metrics.js';

export interface RoomMessagesOptions {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly logger: Logger;
  readonly metrics: RelayMetrics;
  readonly presenceLimits: PresenceLimits;
  broadcast(frame: Uint8Array, except?: Connection): void;
  publishAwareness(update: Uint8Array): void;
  refuse(connection: Connection, code: number, reason: string, message: string): void;
}

/** The read side of a room: answering sync step 1, and presence (awareness) bound to connections. */
export interface RoomMessages {
  serveStep1(connection: Connection, stateVector: Uint8Array): void;
  /** The relay's own sync step 1 (its state vector), e.g. after a step 2 served from storage. */
  sendStateVector(connection: Connection): void;
  receiveAwareness(connection: Connection, update: Uint8Array): void;
  /** Sends every current awareness state (on join, and for query-awareness). */
  sendPresence(connection: Connection): void;
  /** Broadcasts the removal of the states a leaving connection created, and publishes it. */
  removePresence(connection: Connection): void;
  /** An awareness update another instance published: recorded as its own, broadcast locally. */
  receiveRemoteAwareness(origin: string, update: Uint8Array): void;
  /** Publishes the states of local connections again (the fanout may have lost messages). */
  republishPresence(): void;
  /** Stops the expiry of remote states. */
  close(): void;
}

const BREACH_MESSAGE: Record<PresenceBreach, string> = {
  awareness_client_ids: 'too many awareness client ids on one connection',
  presence_bytes: 'too much presence state on one connection',
};

export function createRoomMessages(options: RoomMessagesOptions): RoomMessages {
  const { doc } = options;
  const presence = createPresence({ limits: options.presenceLimits });
  // Remote states whose instance stopped refreshing them (it died, or the fanout lost the removal)
  // are removed once they are as old as clients' own awareness timeout. Runs only while some exist.
  let sweeper: ReturnType<typeof setInterval> | undefined;
  const sweep = (): void => {
    const removal = presence.expireRemote();
    if (removal !== undefined) options.broadcast(encodeAwareness(removal));
    if (!presence.hasRemote()) stopSweeping();
  };
  const stopSweeping = (): void => {
    clearInterval(sweeper);
    sweeper = undefined;
  };
  return {
    serveStep1(connection, stateVector) {
      if (checkStateVector(stateVector) === undefined) {
        return options.refuse(connection, CloseCode.BadRequest, 'bad_state_vector', 'malformed state vector');
      }
      connection.send(encodeSyncStep2(encodeIntegratedState(doc, stateVector)));
      connection.send(encodeSyncStep1(Y.encodeStateVector(doc)));
    },
    sendStateVector(connection) {
      connection.send(encodeSyncStep1(Y.encodeStateVector(doc)));
    },
    receiveAwareness(connection, update) {
      let change;
      try {
        change = presence.apply(connection, update);
      } catch (error) {
        options.logger.debug({ doc: options.docName, ...errorFields(error) }, 'bad awareness');
        if (isProtocolError(error) && error.code === 'awareness_too_deep') {
          return options.refuse(connection, CloseCode.BadRequest, 'awareness_too_deep', 'awareness state nested too deep');
        }
        return options.refuse(connection, CloseCode.BadRequest, 'bad_awareness', 'malformed awareness update');
      }
      if (change.breach !== undefined) return options.refuse(connection, CloseCode.TooLarge, change.breach, BREACH_MESSAGE[change.breach]);
      if (change.foreign > 0) options.metrics.refusals.inc({ reason: 'awareness_foreign' }, change.foreign);
      if (change.full > 0) options.metrics.refusals.inc({ reason: 'presence_doc_full' }, change.full);
      if (change.update === undefined) return;
      // Only the sender's own changes count against its awareness rate, not the echoes of its peers.
      const refusal = connection.meter?.chargePresence?.(change.accepted);
      if (refusal !== undefined) return options.refuse(connection, refusal.code, refusal.reason, refusal.message ?? refusal.reason);
      // To the sender too, as y-websocket's own server does: a stock client alone in a room gets
      // no other traffic, and it reconnects after 30 s without a message.
      options.broadcast(encodeAwareness(change.update));
      options.publishAwareness(change.update);
    },
    sendPresence(connection) {
      const snapshot = presence.snapshot();
      if (snapshot !== undefined) connection.send(encodeAwareness(snapshot));
    },
    removePresence(connection) {
      const removal = presence.removeOwnedBy(connection);
      if (removal === undefined) return;
      options.broadcast(encodeAwareness(removal));
      options.publishAwareness(removal);
    },
    receiveRemoteAwareness(origin, update) {
      let change;
      try {
        change = presence.applyRemote(origin, update);
      } catch (error) {
        return options.logger.warn({ doc: options.docName, origin, ...errorFields(error) }, 'bad awareness from the fanout');
      }
      if (change !== undefined) options.broadcast(encodeAwareness(change));
      if (sweeper === undefined && presence.hasRemote()) sweeper = setInterval(sweep, DEFAULT_REMOTE_PRESENCE_TIMEOUT_MS / 6);
    },
    republishPresence() {
      const own = presence.ownSnapshot();
      if (own !== undefined) options.publishAwareness(own);
    },
    close: stopSweeping,
  };
}
