/** How a WebSocket upgrade reaches the relay (see embedded-relay-entry.ts). */
export const SOCKET_PATHS = ['handleUpgrade', 'upgradeHandler', 'node-server-websocket'] as const;
export type SocketPath = (typeof SOCKET_PATHS)[number];
