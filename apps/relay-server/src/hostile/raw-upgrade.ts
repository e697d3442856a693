import { request } from 'node:http';

/**
 * Sends a WebSocket upgrade request for an exact, unnormalised request target (a `ws` client or
 * `fetch` would resolve `..` and `%2e%2e` before sending). Resolves with the HTTP status: 101 when
 * the relay accepted the upgrade (the socket is then destroyed).
 */
export function upgradeStatus(port: number, target: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: target,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.once('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.once('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}
