import * as Y from 'yjs';
import { type Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { ClientError } from './client-error.js';

/** The part of BroadcastChannel the client uses (browsers' and Node's both fit). */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}
export type BroadcastChannelConstructor = new (name: string) => BroadcastChannelLike;

type TabMessage =
  | { readonly kind: 'state-vector'; readonly stateVector: Uint8Array }
  | { readonly kind: 'update'; readonly update: Uint8Array }
  | { readonly kind: 'awareness'; readonly update: Uint8Array }
  | { readonly kind: 'awareness-query' };

export interface CrossTabOptions {
  readonly channel: BroadcastChannelConstructor;
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Origin of what arrives from other tabs; what carries it is not echoed back to them. */
  readonly origin: object;
  /** Origins whose updates other tabs get from elsewhere (the relay, the shared local store). */
  readonly skipOrigins: readonly unknown[];
  readonly onError: (error: ClientError) => void;
  /** What of a local transaction's update other tabs get: the update, a replacement, or nothing (undefined). */
  readonly outgoing?: (update: Uint8Array, tx: Y.Transaction) => Uint8Array | undefined;
}

/**
 * Tabs of one browser on one document see each other's changes at once, also offline: every update and
 * our own presence go to a BroadcastChannel; a tab that opens asks the others for what it lacks.
 */
export function createCrossTab(options: CrossTabOptions): { close(): void } {
  const { doc, awareness } = options;
  const channel = new options.channel(options.name);
  const post = (message: TabMessage): void => channel.postMessage(message);

  channel.onmessage = (event) => {
    const message = event.data as TabMessage;
    try {
      switch (message?.kind) {
        case 'state-vector':
          post({ kind: 'update', update: Y.encodeStateAsUpdate(doc, message.stateVector) });
          post({ kind: 'awareness', update: encodeAwarenessUpdate(awareness, [awareness.clientID]) });
          return;
        case 'update':
          Y.applyUpdate(doc, message.update, options.origin);
          return;
        case 'awareness':
          applyAwarenessUpdate(awareness, message.update, options.origin);
          return;
        case 'awareness-query':
          post({ kind: 'awareness', update: encodeAwarenessUpdate(awareness, [awareness.clientID]) });
          return;
      }
    } catch (cause) {
      options.onError(
        new ClientError('protocol_error', `another tab sent an unusable ${String(message?.kind)} message`, { cause }),
      );
    }
  };

  const onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tx: Y.Transaction): void => {
    if (origin === options.origin || options.skipOrigins.includes(origin)) return;
    const outgoing = options.outgoing === undefined ? update : options.outgoing(update, tx);
    if (outgoing !== undefined) post({ kind: 'update', update: outgoing });
  };
  const onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === options.origin) return;
    if (![...added, ...updated, ...removed].includes(awareness.clientID)) return;
    post({ kind: 'awareness', update: encodeAwarenessUpdate(awareness, [awareness.clientID]) });
  };
  doc.on('update', onUpdate);
  awareness.on('update', onAwareness);
  post({ kind: 'state-vector', stateVector: Y.encodeStateVector(doc) });
  post({ kind: 'awareness-query' });

  return {
    close() {
      doc.off('update', onUpdate);
      awareness.off('update', onAwareness);
      channel.onmessage = null;
      channel.close();
    },
  };
}
