import { connect } from 'node:net';

/** What a streamed POST achieved: the status the relay answered, and how much had been sent by then. */
export interface ChunkedPostResult {
  readonly status: number;
  readonly sentBytes: number;
}

/**
 * POSTs up to `totalBytes` with `Transfer-Encoding: chunked` (no Content-Length) on a raw TCP
 * socket, one `chunkBytes` chunk at a time, and stops sending once the relay answers. A relay
 * that buffered the whole body would answer only after `totalBytes`. (A raw socket, because the
 * relay closes the connection on a refused body: an HTTP client would report the failed write
 * instead of the answer that arrived before it.)
 */
export function postChunked(
  port: number,
  path: string,
  headers: Record<string, string>,
  totalBytes: number,
  chunkBytes = 64 * 1024,
): Promise<ChunkedPostResult> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answer = '';
    let settled = false;
    const socket = connect(port, '127.0.0.1');
    const chunk = Buffer.concat([
      Buffer.from(`${chunkBytes.toString(16)}\r\n`),
      Buffer.alloc(chunkBytes, 7),
      Buffer.from('\r\n'),
    ]);
    const finish = (error?: Error): void => {
      if (settled) return;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status === null && error === undefined) return;
      settled = true;
      socket.destroy();
      if (status === null) reject(error ?? new Error('the connection ended without an HTTP status line'));
      else resolve({ status: Number(status[1]), sentBytes: sent });
    };
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => {
      answer += data;
      finish();
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error(`closed without an answer after ${sent} bytes`)));
    const lines = [
      `POST ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Transfer-Encoding: chunked',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    const pump = (): void => {
      try {
        while (!settled && sent < totalBytes) {
          sent += chunkBytes;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        if (!settled) socket.write('0\r\n\r\n');
      } catch (error) {
        // The relay closed its side after answering: the answer is read (or the close reported) above.
        if (!(error instanceof Error && 'code' in error)) throw error;
      }
    };
    pump();
  });
}
