import * as Y from 'yjs';
import type { DocumentStore, StoredUpdate } from '../ports/document-store.js';
import type { DocSync } from './doc-sync.js';
import type { Logger } from './logger.js';

export interface RoomResyncOptions {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly store: DocumentStore;
  readonly logger: Logger;
  /** The room's write path once loaded; undefined while loading. */
  sync(): DocSync | undefined;
  ready(): boolean;
  fail(reason: string, error: unknown): void;
}

export interface RoomResync {
  /** Reloads the rows and applies what the doc lacks; deferred until the load when still loading. */
  request(): Promise<void>;
  /** Called once the room is loaded: runs a resync requested meanwhile. */
  loaded(): void;
}

/**
 * Healing one room after the fanout may have lost messages: read the whole stored log again and
 * apply it (Yjs ignores what the doc already has), broadcasting what was missing. Every row is read
 * because ids do not tell what is new: concurrent transactions may commit out of id order.
 */
export function createRoomResync(options: RoomResyncOptions): RoomResync {
  let requestedWhileLoading = false;
  let running: Promise<void> | undefined;
  // At most one run waits behind the running one: every request made meanwhile shares it.
  let queued: Promise<void> | undefined;

  const resync = async (): Promise<void> => {
    let rows: StoredUpdate[];
    try {
      rows = await options.store.load(options.docName);
    } catch (error) {
      return options.fail('resync failed', error);
    }
    const sync = options.sync();
    if (!options.ready() || sync === undefined) return;
    const before = Y.encodeStateVector(options.doc);
    if (!sync.integrateStored(rows.map((row) => row.update))) return;
    const healed = !equalBytes(before, Y.encodeStateVector(options.doc));
    options.logger.debug({ doc: options.docName, rows: rows.length, healed }, 'document resynced from storage');
  };

  const request = (): Promise<void> => {
    if (options.sync() === undefined) {
      requestedWhileLoading = true;
      return Promise.resolve();
    }
    if (!options.ready()) return Promise.resolve();
    if (queued !== undefined) return queued;
    // One at a time; a request while one runs gets a run that starts after it.
    const run = (running ?? Promise.resolve()).then(() => {
      if (queued === run) queued = undefined;
      return resync();
    });
    queued = run;
    running = run;
    return run.finally(() => {
      if (running === run) running = undefined;
    });
  };

  return {
    request,
    loaded() {
      if (requestedWhileLoading) void request();
    },
  };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
