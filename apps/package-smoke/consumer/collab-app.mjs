// (a) A plain Node ESM app, installed from the tarballs: a hono app mounting the relay under
// /collab on a real SQLite file, and a Node client that creates a highlight and a note and awaits
// the durability ack. Then the relay stops and the SQLite file is read back with a fresh store.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createClient } from '@marginalia/client';
import { createModel } from '@marginalia/model';
import { createRelay, listenRelay } from '@marginalia/relay';
import { createSqliteStore } from '@marginalia/storage-sqlite';

const dataDir = join(process.cwd(), 'collab-data');
rmSync(dataDir, { recursive: true, force: true }); // a fresh file on every run
mkdirSync(dataDir, { recursive: true });
const path = join(dataDir, 'collab.sqlite');
const store = createSqliteStore({ path });
const relay = createRelay({ store, basePath: '/collab' });
const app = new Hono();
app.get('/', (c) => c.text('the host app'));
app.route('/', relay.app);
const server = await listenRelay(relay, { port: 0, app });

const client = createClient({
  url: `ws://127.0.0.1:${server.port}/collab`,
  user: { id: 'ada', name: 'Ada' },
  WebSocket,
  localStore: 'memory',
});
const handle = client.open('smoke/notes');
await handle.whenLoaded;
handle.doc.getText('body').insert(0, 'The quick brown fox');
const highlight = handle.model.highlights.create({
  anchor: { kind: 'text', field: 'body', start: 4, end: 9 },
  color: 'yellow',
});
handle.model.notes.create({ body: 'why quick?', highlightId: highlight.id });
const unsyncedBefore = handle.unsyncedChanges;
await handle.whenSynced;
const status = handle.status;
await client.close();
const home = await (await fetch(`${server.url}/`)).text();
await server.close();
await store.close();

// What the relay stored, read back from the file by a fresh store.
const reopened = createSqliteStore({ path });
const stored = new Y.Doc();
for (const entry of await reopened.load('smoke/notes')) Y.applyUpdate(stored, entry.update);
await reopened.close();
const model = createModel(stored, { user: { id: 'reader', name: 'Reader' } });
const storedHighlight = model.highlights.list()[0];
console.log(
  JSON.stringify({
    unsyncedBefore,
    status,
    home,
    storedText: stored.getText('body').toString(),
    storedHighlightText:
      storedHighlight === undefined ? null : (model.highlights.resolve(storedHighlight.id)?.text ?? null),
    storedNotes: model.notes.list().map((note) => note.body),
  }),
);
