/**
 * The raw relay: a plain `ws` server that forwards every binary frame to the other sockets of the
 * same room (the URL path) without parsing it. It stores nothing and cannot answer sync step 1:
 * the ceiling for any relay written in Node. Run as a child process; PORT and HOST from env.
 */
import { WebSocketServer, type WebSocket } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const server = new WebSocketServer({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });

server.on('connection', (socket, request) => {
  const room = (request.url ?? '/').split('?')[0] ?? '/';
  let members = rooms.get(room);
  if (!members) {
    members = new Set();
    rooms.set(room, members);
  }
  const peers = members;
  peers.add(socket);
  socket.on('message', (data, isBinary) => {
    for (const peer of peers) {
      if (peer !== socket && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary });
    }
  });
  socket.on('close', () => {
    peers.delete(socket);
    if (peers.size === 0) rooms.delete(room);
  });
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
