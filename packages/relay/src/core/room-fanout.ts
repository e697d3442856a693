import type * as Y from 'yjs';
import type { Fanout, FanoutKind, FanoutMessage } from '../ports/fanout.js';
import { pendingBytes } from './check-update.js';
import type { DocSync } from './doc-sync.js';
import { errorFields, type Logger } from './logger.js';
import { createRoomAntiEntropy } from './room-anti-entropy.js';
import type { RoomMessages } from './room-messages.js';
import type { ResyncCause } from './resync-cause.js';

/** How relays check each other's copies of a document (see decision 0008). */
export interface AntiEntropyPolicy {
  /** How long a copy may lag behind another relay's digest before it rereads storage. */
  readonly graceMs: number;
  /** A room publishes digests while it wrote something of its own within this long. */
  readonly activeMs: number;
}

export const DEFAULT_ANTI_ENTROPY: AntiEntropyPolicy = { graceMs: 1000, activeMs: 30_000 };

export interface RoomFanoutOptions {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly fanout: Fanout | undefined;
  readonly instanceId: string;
  readonly logger: Logger;
  readonly antiEntropy: AntiEntropyPolicy;
  readonly messages: RoomMessages;
  ready(): boolean;
  loading(): boolean;
  sync(): DocSync | undefined;
  resync(cause: ResyncCause): void;
}

/** One room's side of the fanout: its subscription, what it publishes and what it receives. */
export interface RoomFanout {
  publish(kind: FanoutKind, payload: Uint8Array): void;
  /** Resolves once the subscription delivers (a failure is logged: the resync after a reconnect covers it). */
  subscribed(): Promise<void>;
  /** The room is loaded: what arrived meanwhile is applied now. */
  loaded(): void;
  /** The relay's anti-entropy tick. */
  tick(): void;
  close(): void;
}

export function createRoomFanout(options: RoomFanoutOptions): RoomFanout {
  const { doc, messages } = options;
  // Subscribed before loading: what other instances publish meanwhile is applied after the load.
  const backlog: FanoutMessage[] = [];

  const publish = (kind: FanoutKind, payload: Uint8Array): void => {
    if (kind === 'update') antiEntropy.wroteLocally();
    options.fanout?.publish(options.docName, { kind, origin: options.instanceId, payload }).catch((error: unknown) => {
      options.logger.warn({ doc: options.docName, ...errorFields(error) }, 'fanout publish failed');
    });
  };
  const antiEntropy = createRoomAntiEntropy({
    ...options.antiEntropy,
    docName: options.docName,
    doc,
    logger: options.logger,
    now: Date.now,
    publishDigest: (payload) => publish('state-vector', payload),
    resync: options.resync,
  });

  const receive = (message: FanoutMessage): void => {
    if (message.origin === options.instanceId) return;
    if (options.loading()) return void backlog.push(message);
    if (!options.ready()) return;
    switch (message.kind) {
      case 'update': {
        const before = pendingBytes(doc);
        if (options.sync()?.integrate(message.payload, 'fanout') === true) antiEntropy.fanoutIntegrated(before);
        return;
      }
      case 'awareness':
        return messages.receiveRemoteAwareness(message.origin, message.payload);
      case 'state-vector':
        return antiEntropy.remoteDigest(message.payload, message.origin);
      case 'presence-claim':
        return messages.remoteClaim(message.origin, message.payload);
      case 'presence-held':
        return messages.remoteHeld(message.origin, message.payload);
      default:
        return message.kind satisfies never;
    }
  };
  const unsubscribe = options.fanout?.subscribe(options.docName, receive);

  return {
    publish,
    async subscribed() {
      try {
        await options.fanout?.whenSubscribed(options.docName);
      } catch (error) {
        options.logger.warn({ doc: options.docName, ...errorFields(error) }, 'fanout subscribe failed');
      }
    },
    loaded() {
      for (const message of backlog.splice(0)) receive(message);
    },
    tick() {
      if (options.fanout !== undefined && options.ready()) antiEntropy.tick();
    },
    close() {
      unsubscribe?.();
      antiEntropy.close();
    },
  };
}
