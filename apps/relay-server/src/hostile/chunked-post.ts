import { request } from 'node:http';

/** What a streamed POST achieved: the status the relay answered, and how much had been sent by then. */
export interface ChunkedPostResult {
  readonly status: number;
  readonly sentBytes: number;
}

/**
 * POSTs up to `totalBytes` with `Transfer-Encoding: chunked` (no Content-Length), one
 * `chunkBytes` chunk at a time, and stops sending once the relay answers. A relay that buffered
 * the whole body would answer only after `totalBytes`.
 */
export function postChunked(port: number, path: string, headers: Record<string, string>, totalBytes: number, chunkBytes = 64 * 1024): Promise<ChunkedPostResult> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(chunkBytes, 7);
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
    req.once('response', (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sentBytes: sent });
      req.destroy();
    });
    // Writes after the relay closed the connection fail: only an error before any answer counts.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && sent < totalBytes) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
