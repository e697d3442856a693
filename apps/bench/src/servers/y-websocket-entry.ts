/**
 * The y-websocket reference server: `setupWSConnection` from @y/websocket-server (Yjs 13),
 * exactly as its own bin/server.js wires it. Without YPERSISTENCE in env documents live in RAM; with
 * it (kind `y-websocket-leveldb`) the library stores every update in LevelDB (y-leveldb) there.
 * Run as a child process; PORT and HOST from env.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const sockets = new WebSocketServer({ noServer: true });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('okay');
});
sockets.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');

process.on('SIGTERM', () => process.exit(0));
