/** The servers compared side by side, in report order. */
export const SERVER_KINDS = [
  'marginalia',
  'y-websocket-leveldb',
  'hocuspocus-sqlite',
  'y-websocket',
  'hocuspocus',
  'raw',
] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export const SERVER_LABELS: Record<ServerKind, string> = {
  marginalia: 'Marginalia relay',
  'y-websocket-leveldb': 'y-websocket server + y-leveldb',
  'hocuspocus-sqlite': 'Hocuspocus + SQLite',
  'y-websocket': 'y-websocket server',
  hocuspocus: 'Hocuspocus',
  raw: 'raw relay',
};

/** Which client code drives each server. */
export type ClientKind = 'y-websocket' | 'hocuspocus' | 'raw';

/** Servers that store documents on disk (the others keep them in RAM only, or hold none). */
export const DURABLE_KINDS: readonly ServerKind[] = ['marginalia', 'y-websocket-leveldb', 'hocuspocus-sqlite'];

export function isDurable(server: ServerKind): boolean {
  return DURABLE_KINDS.includes(server);
}

export function clientKindOf(server: ServerKind): ClientKind {
  if (server === 'hocuspocus' || server === 'hocuspocus-sqlite') return 'hocuspocus';
  if (server === 'raw') return 'raw';
  return 'y-websocket';
}

/** What a client needs to reach a room on a running server. */
export interface Endpoint {
  readonly server: ServerKind;
  readonly client: ClientKind;
  /** Base URL; the room name is appended as a path segment (Hocuspocus: sent in its messages). */
  readonly baseUrl: string;
  /** Ask for durability acks (`?acks=1`); only the Marginalia relay has them. */
  readonly acks: boolean;
}
