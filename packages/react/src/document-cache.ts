/** What the cache needs from a client: `open` a document, and a handle that can be closed. */
export interface DocumentOpener<H extends { close(): void }> {
  open(docName: string): H;
}

interface Entry<H> {
  readonly handle: H;
  refs: number;
  closeTimer: ReturnType<typeof setTimeout> | undefined;
}

/** How long an opened but unused handle is kept (a render that never committed, StrictMode's re-mount). */
export const RELEASE_DELAY_MS = 1000;

const caches = new WeakMap<object, Map<string, Entry<{ close(): void }>>>();

function entries<H extends { close(): void }>(client: DocumentOpener<H>): Map<string, Entry<H>> {
  let map = caches.get(client) as Map<string, Entry<H>> | undefined;
  if (map === undefined) {
    map = new Map();
    caches.set(client, map);
  }
  return map;
}

function scheduleClose<H extends { close(): void }>(
  map: Map<string, Entry<H>>,
  docName: string,
  entry: Entry<H>,
): void {
  clearTimeout(entry.closeTimer);
  entry.closeTimer = setTimeout(() => {
    if (entry.refs > 0 || map.get(docName) !== entry) return;
    map.delete(docName);
    entry.handle.close();
  }, RELEASE_DELAY_MS);
}

/**
 * The shared handle of `docName` on `client`, opening it on first use. Safe to call during render:
 * a handle nobody retains within {@link RELEASE_DELAY_MS} is closed again, so renders that React
 * throws away (StrictMode, Suspense) leak nothing and open no second connection.
 */
export function peekDocument<H extends { close(): void }>(client: DocumentOpener<H>, docName: string): H {
  const map = entries(client);
  let entry = map.get(docName);
  if (entry === undefined) {
    entry = { handle: client.open(docName), refs: 0, closeTimer: undefined };
    map.set(docName, entry);
    scheduleClose(map, docName, entry);
  }
  return entry.handle;
}

/**
 * Keeps `docName` open until the returned release function runs (ref-counted per client). The cache holds
 * one of the client's counted opens, so code outside React that opened the same name keeps it open.
 */
export function retainDocument<H extends { close(): void }>(client: DocumentOpener<H>, docName: string): () => void {
  peekDocument(client, docName);
  const map = entries(client);
  const entry = map.get(docName)!;
  entry.refs += 1;
  clearTimeout(entry.closeTimer);
  entry.closeTimer = undefined;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    entry.refs -= 1;
    if (entry.refs === 0) scheduleClose(map, docName, entry);
  };
}
