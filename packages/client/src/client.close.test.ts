import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect } from 'vitest';
import { waitUntil, withTimeout, type RelayProcess } from '@marginalia/testkit';
import { nodeClient, synced } from './fixtures/node-client.js';
import { createRelayTest } from './fixtures/relay-test.js';
import { realTimers, type Timers } from './timers.js';

const SCRIPT = fileURLToPath(new URL(`../.close-releases-everything-${process.pid}.mjs`, import.meta.url));

/** A program that uses several documents, presence and typing, closes the client, and must then exit by itself. */
const program = (url: string): string => `
import WebSocket from 'ws';
import { IDBFactory } from 'fake-indexeddb';
import { createClient } from '@marginalia/client';
const client = createClient({ url: '${url}', user: { id: 'alice', name: 'Alice' }, WebSocket, indexedDB: new IDBFactory() });
const docs = ['user-42.library', 'band-7/setlists', 'band-9/notes'].map((name) => client.open(name));
for (const doc of docs) {
  const note = doc.model.notes.create({ body: 'hello' });
  doc.presence.set({ location: { ref: 'page-1' } });
  doc.presence.typing(note.id);
}
await Promise.all(docs.map((doc) => doc.whenSynced));
await client.close();
console.log('closed');
`;

/** Real timers that count what is still pending. */
function countingTimers(): Timers & { readonly pending: number } {
  const live = new Set<unknown>();
  return {
    now: realTimers.now,
    setTimeout(callback, ms) {
      const handle = realTimers.setTimeout(() => {
        live.delete(handle);
        callback();
      }, ms);
      live.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      live.delete(handle);
      realTimers.clearTimeout(handle);
    },
    get pending() {
      return live.size;
    },
  };
}

async function openConnections(relay: RelayProcess): Promise<number> {
  const text = await (await fetch(`${relay.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('marginalia_connections '));
  return Number(line?.split(' ')[1]);
}

/** Re-checks `check` every 25 ms (the relay's gauge has no event to wait for) until it holds. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  let ok = false;
  await waitUntil(
    () => ok,
    (onEvent) => {
      const timer = setInterval(() => void check().then((value) => ((ok = value), onEvent())), 25);
      return () => clearInterval(timer);
    },
    { what, timeoutMs: 10_000 },
  );
}

const test = createRelayTest();

describe('client.close() releases everything (real relay)', () => {
  afterAll(() => {
    rmSync(SCRIPT, { force: true });
  });

  test('several documents open at once; after close no timer of the client is pending and the relay has no connection left', async ({
    relay,
  }) => {
    const timers = countingTimers();
    const client = nodeClient(relay, { id: 'alice', name: 'Alice' }, { timers });
    const docs = ['user-42.library', 'band-7/setlists', 'band-9/notes'].map((name) => client.open(name));
    for (const doc of docs) {
      doc.presence.typing(doc.model.notes.create({ body: 'typing' }).id);
    }
    await Promise.all(docs.map((doc) => synced(doc)));
    expect(await openConnections(relay)).toBe(3);
    expect(timers.pending).toBeGreaterThan(0);
    await client.close();
    expect(timers.pending).toBe(0);
    expect(client.docs).toEqual([]);
    await eventually(async () => (await openConnections(relay)) === 0, 'the relay to see every connection closed');
  });

  test('a Node program exits by itself after client.close(): no socket, timer or interval is left behind', async ({
    relay,
  }) => {
    writeFileSync(SCRIPT, program(`ws://127.0.0.1:${relay.port}`));
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const child = spawn(process.execPath, [tsx, SCRIPT], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const code = await withTimeout(exited, 20_000, 'the program to exit after client.close()');
      expect(output.trim()).toBe('closed');
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
