import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { waitUntil } from '@marginalia/conformance';

export interface StockClientOptions {
  /** The client's document; a fresh one by default (empty local state). */
  readonly doc?: Y.Doc;
  /** Query parameters (`token`, `acks`...). */
  readonly params?: Record<string, string>;
  /** Request headers of the upgrade (a session cookie, say). */
  readonly headers?: Record<string, string>;
}

/** `ws`'s WebSocket, sending `headers` with every upgrade request. */
function webSocketWithHeaders(headers: Record<string, string> | undefined): unknown {
  if (headers === undefined) return WebSocket;
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

/** An unmodified y-websocket `WebsocketProvider` in Node (with `ws`), plus waiting helpers. */
export interface StockClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly awareness: WebsocketProvider['awareness'];
  /** Resolves once the provider reports `synced` (handshake done). */
  synced(timeoutMs?: number): Promise<void>;
  /** Resolves once `check()` holds, re-checked on every doc update and awareness change. */
  until(check: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** Resolves once the provider's socket is closed (status `disconnected`). */
  disconnected(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/** Connects a stock WebsocketProvider to `syncUrl` (`ws://host:port/v1/sync`) for `docName`. */
export function connectStockClient(syncUrl: string, docName: string, options: StockClientOptions = {}): StockClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, docName, doc, {
    WebSocketPolyfill: webSocketWithHeaders(options.headers) as typeof globalThis.WebSocket,
    params: options.params ?? {},
    disableBc: true,
  });
  let status = 'connecting';
  provider.on('status', (event: { status: string }) => {
    status = event.status;
  });
  const onAny = (onEvent: () => void): (() => void) => {
    doc.on('update', onEvent);
    provider.awareness.on('change', onEvent);
    provider.on('sync', onEvent);
    provider.on('status', onEvent);
    return () => {
      doc.off('update', onEvent);
      provider.awareness.off('change', onEvent);
      provider.off('sync', onEvent);
      provider.off('status', onEvent);
    };
  };
  return {
    doc,
    provider,
    awareness: provider.awareness,
    synced: (timeoutMs = 10_000) => waitUntil(() => provider.synced, onAny, { timeoutMs, what: `${docName} to sync` }),
    until: (check, timeoutMs = 10_000, what = 'a client condition') => waitUntil(check, onAny, { timeoutMs, what }),
    disconnected: (timeoutMs = 10_000) =>
      waitUntil(() => status === 'disconnected', onAny, { timeoutMs, what: 'the provider to disconnect' }),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
