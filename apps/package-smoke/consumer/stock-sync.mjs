// (b) A stock y-websocket client against `npx marginalia-relay serve`: `write` types a text and
// waits until a second stock client sees it; `read` prints what a fresh client gets on sync.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

const [port, docName, mode, text] = process.argv.slice(2);
const url = `ws://127.0.0.1:${port}/v1/sync`;

function connect() {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, docName, doc, { WebSocketPolyfill: WebSocket, disableBc: true });
  const synced = new Promise((resolve) => provider.once('sync', resolve));
  return { doc, provider, synced };
}

function until(doc, check) {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const onUpdate = () => {
      if (!check()) return;
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

const deadline = setTimeout(() => {
  console.error('timed out');
  process.exit(3);
}, 20_000);
const a = connect();
await a.synced;
if (mode === 'write') {
  const b = connect();
  await b.synced;
  a.doc.getText('t').insert(0, text);
  await until(b.doc, () => b.doc.getText('t').toString() === text);
  // The relay stores before it acks; give the relay a moment by asking over HTTP what it holds.
  const stored = await fetch(`http://127.0.0.1:${port}/v1/docs/${docName}?view=types`).then((r) => r.json());
  console.log(JSON.stringify({ seenByOther: b.doc.getText('t').toString(), stored }));
  b.provider.destroy();
} else {
  console.log(JSON.stringify({ read: a.doc.getText('t').toString() }));
}
a.provider.destroy();
clearTimeout(deadline);
process.exit(0);
