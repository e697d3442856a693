/**
 * Typing in a 1 MB note: the client's own cost of one keystroke (the edit, the edit-time size guard,
 * counting, the local-store write and the queued send), measured over many keystrokes with the client
 * offline (memory store), so that only the client's synchronous work is timed. Target: under 16 ms
 * (one frame). Run: pnpm --filter @marginalia/bench bench:keystroke
 */
import WebSocket from 'ws';
import { createClient } from '@marginalia/client';

const KEYSTROKES = Number(process.env.KEYSTROKES ?? 500);
const NOTE_BYTES = 1_000_000;

const client = createClient({
  url: 'ws://127.0.0.1:9',
  user: { id: 'bench', name: 'Bench' },
  WebSocket,
  localStore: 'memory',
  autoConnect: false,
  window: null,
  BroadcastChannel: null,
});
const handle = client.open('bench/keystroke');
await handle.whenLoaded;
const note = handle.model.notes.create({ body: '' });
handle.model.notes.insertText(
  note.id,
  0,
  'Lorem ipsum dolor sit amet. '.repeat(Math.ceil(NOTE_BYTES / 28)).slice(0, NOTE_BYTES),
);
const body = handle.model.notes.body(note.id);

const times: number[] = [];
for (let index = 0; index < KEYSTROKES; index += 1) {
  const at = Math.floor(body.length / 2) + index;
  const start = performance.now();
  body.insert(at, 'k'); // what an editor binding does on a keystroke (the model then stamps the note)
  times.push(performance.now() - start);
  if (index % 50 === 0) await new Promise((resolve) => setImmediate(resolve)); // let queued writes run
}
times.sort((a, b) => a - b);
const pick = (q: number): string => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
console.log(
  `keystroke in a ${(body.length / 1e6).toFixed(1)} MB note, ${KEYSTROKES} keystrokes: median ${pick(0.5)} ms, p95 ${pick(0.95)} ms, max ${pick(1)} ms (target < 16 ms)`,
);
await client.close();
