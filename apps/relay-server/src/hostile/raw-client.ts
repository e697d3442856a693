import WebSocket from 'ws';

/** The outcome of a WebSocket handshake: the open socket, or the HTTP status of the refusal. */
export type Handshake =
  { readonly ws: WebSocket; readonly status?: undefined } | { readonly ws?: undefined; readonly status: number };

/** Opens a raw `ws` client; resolves on open or on an HTTP refusal of the upgrade. */
export function connectRaw(url: string, headers: Record<string, string> = {}): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

/** Resolves with the close code the server sent; rejects after `ms`. */
export function closeCode(ws: WebSocket, ms = 5000): Promise<number> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error('already closed'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no close within ${ms} ms`)), ms);
    ws.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    ws.on('error', () => undefined);
  });
}

/** Resolves with the first binary message whose first byte is `type`; rejects after `ms` or on close. */
export function nextMessage(ws: WebSocket, predicate: (bytes: Uint8Array) => boolean, ms = 5000): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no matching message within ${ms} ms`)), ms);
    const onMessage = (data: Buffer): void => {
      const bytes = new Uint8Array(data);
      if (predicate(bytes)) done(undefined, bytes);
    };
    const onClose = (code: number): void => done(new Error(`closed with ${code} before a matching message`));
    const done = (error: Error | undefined, bytes?: Uint8Array): void => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      if (error) reject(error);
      else resolve(bytes!);
    };
    ws.on('message', onMessage);
    ws.once('close', onClose);
  });
}

/** Closes the client and waits for the close handshake. */
export async function closeClient(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return;
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.close(1000);
  await closed;
}
