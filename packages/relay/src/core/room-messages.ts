import * as Y from 'yjs';
import { CloseCode, encodeAwareness, isProtocolError, encodeSyncStep1, encodeSyncStep2 } from '@marginalia/protocol';
import type { FanoutKind } from '../ports/fanout.js';
import { checkStateVector } from './check-update.js';
import { encodeIntegratedState } from './integrated-state.js';
import type { Connection } from './connection.js';
import { errorFields, type Logger } from './logger.js';
import { createPresence, DEFAULT_REMOTE_PRESENCE_TIMEOUT_MS } from './presence.js';
import { createPresenceClaims, decodeClientIds, encodeClientIds } from './presence-claims.js';
import type { PresenceBreach, PresenceLimits } from './presence-limits.js';
import type { RelayMetrics } from './relay-metrics.js';

export interface RoomMessagesOptions {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly logger: Logger;
  readonly metrics: RelayMetrics;
  readonly presenceLimits: PresenceLimits;
  broadcast(frame: Uint8Array, except?: Connection): void;
  /** Publishes on the fanout (awareness, presence-claim, presence-held). */
  publish(kind: FanoutKind, payload: Uint8Array): void;
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
  /** Another instance's connection claims client ids: answer `presence-held` for those ours hold. */
  remoteClaim(origin: string, payload: Uint8Array): void;
  /** Another instance holds ids one of ours claimed: the claims are refused. */
  remoteHeld(origin: string, payload: Uint8Array): void;
  /** Another instance is gone: its states are removed here, claims on them are taken. */
  peerGone(origin: string): void;
  /** Publishes the states of local connections again (the fanout may have lost messages). */
  republishPresence(): void;
  /** Stops the expiry of remote states and open claims. */
  close(): void;
}

const BREACH_MESSAGE: Record<PresenceBreach, string> = {
  awareness_client_ids: 'too many awareness client ids on one connection',
  presence_bytes: 'too much presence state on one connection',
};

export function createRoomMessages(options: RoomMessagesOptions): RoomMessages {
  const { doc, metrics } = options;
  const presence = createPresence({ limits: options.presenceLimits });
  let shown = { local: 0, remote: 0 };
  /** Keeps `marginalia_presence_entries` in step (adds this room's change since the last call). */
  const count = (): void => {
    const now = presence.counts();
    metrics.presenceEntries.inc({ owner: 'local' }, now.local - shown.local);
    metrics.presenceEntries.inc({ owner: 'remote' }, now.remote - shown.remote);
    shown = now;
  };
  const relay = (update: Uint8Array | undefined, publish: boolean): void => {
    if (update === undefined) return;
    // To the sender too, as y-websocket's own server does: a stock client alone in a room gets
    // no other traffic, and it reconnects after 30 s without a message.
    options.broadcast(encodeAwareness(update));
    if (publish) options.publish('awareness', update);
  };
  const claims = createPresenceClaims({
    ask: (ids) => options.publish('presence-claim', encodeClientIds(ids)),
    settle(connection, entries) {
      relay(presence.adopt(connection, entries), true);
      count();
    },
    refused: (_connection, foreign) => metrics.refusals.inc({ reason: 'awareness_foreign' }, foreign),
  });
  // Remote states whose instance stopped refreshing them (it died, or the fanout lost the removal)
  // are removed once they are as old as clients' own awareness timeout. Runs only while some exist.
  let sweeper: ReturnType<typeof setInterval> | undefined;
  const sweep = (): void => {
    relay(presence.expireRemote(), false);
    count();
    if (!presence.hasRemote()) stopSweeping();
  };
  const stopSweeping = (): void => {
    clearInterval(sweeper);
    sweeper = undefined;
  };
  const ids = (origin: string, payload: Uint8Array): number[] => {
    try {
      return decodeClientIds(payload);
    } catch (error) {
      options.logger.warn({ doc: options.docName, origin, ...errorFields(error) }, 'bad client ids from the fanout');
      return [];
    }
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
          return options.refuse(
            connection,
            CloseCode.BadRequest,
            'awareness_too_deep',
            'awareness state nested too deep',
          );
        }
        return options.refuse(connection, CloseCode.BadRequest, 'bad_awareness', 'malformed awareness update');
      }
      if (change.breach !== undefined)
        return options.refuse(connection, CloseCode.TooLarge, change.breach, BREACH_MESSAGE[change.breach]);
      if (change.foreign > 0) metrics.refusals.inc({ reason: 'awareness_foreign' }, change.foreign);
      if (change.full > 0) metrics.refusals.inc({ reason: 'presence_doc_full' }, change.full);
      if (change.claims.length > 0) claims.claim(connection, change.claims);
      if (change.update === undefined) return;
      // Only the sender's own changes count against its awareness rate, not the echoes of its peers.
      const refusal = connection.meter?.chargePresence?.(change.accepted);
      if (refusal !== undefined)
        return options.refuse(connection, refusal.code, refusal.reason, refusal.message ?? refusal.reason);
      relay(change.update, true);
      count();
    },
    sendPresence(connection) {
      const snapshot = presence.snapshot();
      if (snapshot !== undefined) connection.send(encodeAwareness(snapshot));
    },
    removePresence(connection) {
      claims.drop(connection);
      relay(presence.removeOwnedBy(connection), true);
      count();
    },
    receiveRemoteAwareness(origin, update) {
      let change;
      try {
        change = presence.applyRemote(origin, update);
      } catch (error) {
        return options.logger.warn(
          { doc: options.docName, origin, ...errorFields(error) },
          'bad awareness from the fanout',
        );
      }
      relay(change, false);
      count();
      if (sweeper === undefined && presence.hasRemote())
        sweeper = setInterval(sweep, DEFAULT_REMOTE_PRESENCE_TIMEOUT_MS / 6);
    },
    remoteClaim(origin, payload) {
      const held = presence.heldLocally(ids(origin, payload));
      if (held.length > 0) options.publish('presence-held', encodeClientIds(held));
    },
    remoteHeld(origin, payload) {
      claims.held(ids(origin, payload));
    },
    peerGone(origin) {
      relay(presence.removeOrigin(origin), false);
      claims.settleFree((clientID) => !presence.holds(clientID));
      count();
    },
    republishPresence() {
      const own = presence.ownSnapshot();
      if (own !== undefined) options.publish('awareness', own);
    },
    close() {
      stopSweeping();
      claims.close();
      metrics.presenceEntries.dec({ owner: 'local' }, shown.local);
      metrics.presenceEntries.dec({ owner: 'remote' }, shown.remote);
      shown = { local: 0, remote: 0 };
    },
  };
}
