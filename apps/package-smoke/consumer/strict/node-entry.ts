// (c) A strict Node consumer: lib ES2022 only (no DOM), exactOptionalPropertyTypes,
// noPropertyAccessFromIndexSignature, no skipLibCheck. Compiled, not run.
import { Hono } from 'hono';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createClient, type DocHandle } from '@marginalia/client';
import { createModel, type Highlight } from '@marginalia/model';
import {
  createLimits,
  createMemoryStore,
  createRelay,
  createRelayAuth,
  listenRelay,
  type Relay,
} from '@marginalia/relay';
import { createSqliteStore } from '@marginalia/storage-sqlite';
import { createPostgresStore } from '@marginalia/storage-postgres';
import { createRedisFanout } from '@marginalia/fanout-redis';
import { decodeFrame } from '@marginalia/protocol';

export async function embed(): Promise<Relay> {
  const relay = createRelay({
    store: createSqliteStore({ path: 'relay.sqlite' }),
    basePath: '/collab',
    healthRoutes: false,
    auth: createRelayAuth({ allowedOrigins: ['https://app.example.com'] }),
    limits: createLimits(),
  });
  const app = new Hono();
  app.route('/', relay.app);
  const server = await listenRelay(relay, { port: 0, app });
  await server.close();
  return relay;
}

export function client(port: number): DocHandle {
  const marginalia = createClient({
    url: `ws://127.0.0.1:${port}/collab`,
    user: { id: 'u', name: 'U' },
    WebSocket,
    localStore: 'memory',
  });
  return marginalia.open('a/b');
}

export function model(): Highlight {
  const m = createModel(new Y.Doc(), { user: { id: 'u', name: 'U' } });
  return m.highlights.create({ anchor: { kind: 'ref', ref: 'x' }, color: 'yellow' });
}

export const used = [decodeFrame, createPostgresStore, createRedisFanout, createMemoryStore];
