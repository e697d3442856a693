import { execFile } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTempDir, removeTempDir, startRelayProcess, type RelayProcess } from '@marginalia/testkit';

// The curl examples of docs/api.md ("Examples"), run word for word (only the port differs)
// with bash against the real relay process: without auth, then with AUTH_SECRET.

const API_DOC = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/marginalia-relay.js', import.meta.url));
const SECRET = 'api-examples-secret-that-is-32-bytes-long';
const run = promisify(execFile);

function exampleBlocks(): string[] {
  const doc = readFileSync(API_DOC, 'utf8');
  const section = doc.slice(doc.indexOf('### Examples'), doc.indexOf('### Metrics'));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

describe('docs/api.md examples', () => {
  const running: RelayProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((relay) => relay.stop()));
    dirs.splice(0).forEach(removeTempDir);
  });

  /** Runs `block` in a fresh directory (`marginalia-relay` on PATH, `files` written first) against `relay`. */
  async function runBlock(
    block: string,
    relay: RelayProcess,
    files: Record<string, Uint8Array>,
    env: Record<string, string> = {},
  ) {
    const cwd = createTempDir('marginalia-api-examples-');
    dirs.push(cwd);
    const shim = join(cwd, 'marginalia-relay');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(shim, 0o755);
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(cwd, name), bytes);
    // Each response body on its own line (bodies have no trailing newline); blank lines dropped.
    const script = `set -euo pipefail\ncurl() { command curl "$@"; echo; }\n${block.replaceAll('127.0.0.1:8787', `127.0.0.1:${relay.port}`)}`;
    const { stdout } = await run('bash', ['-c', script], {
      cwd,
      env: { ...process.env, ...env, PATH: `${cwd}:${process.env.PATH}` },
    });
    return { cwd, lines: stdout.split('\n').filter((line) => line !== '') };
  }

  const start = async (env: Record<string, string> = {}) => {
    const relay = await startRelayProcess({ env });
    running.push(relay);
    dirs.push(relay.dataDir);
    return relay;
  };

  it('has two example blocks', () => {
    expect(exampleBlocks()).toHaveLength(2);
  });

  it('the open-relay block: health, metrics, POST, JSON through the model, state vector and diff', async () => {
    const relay = await start({ AUTH_SECRET: '' });
    const local = new Y.Doc();
    local.getText('title').insert(0, 'Setlist');
    const { cwd, lines } = await runBlock(exampleBlocks()[0]!, relay, { 'update.bin': Y.encodeStateAsUpdate(local) });
    expect(lines.slice(0, 4)).toEqual(['ok', '200', 'marginalia_docs_loaded 0', '{"durable":true}']);
    // (The model's view of highlights and notes is checked with real content in packages/relay's relay-http.test.ts.)
    expect(JSON.parse(lines[4]!)).toEqual({ highlights: [], notes: [] });
    expect(JSON.parse(lines[5]!)).toMatchObject({ title: 'Setlist' });
    expect(new Uint8Array(readFileSync(join(cwd, 'sv.bin')))).toEqual(Y.encodeStateVector(local));
    const diff = Y.decodeUpdate(new Uint8Array(readFileSync(join(cwd, 'diff.bin'))));
    expect([diff.structs, diff.ds.clients.size]).toEqual([[], 0]);
  }, 30_000);

  it('the auth block: the minted token works as a header and as ?token=, no token gets 401', async () => {
    const relay = await start({ AUTH_SECRET: SECRET });
    const { cwd, lines } = await runBlock(exampleBlocks()[1]!, relay, {}, { AUTH_SECRET: SECRET });
    expect(JSON.parse(lines[0]!)).toEqual({ highlights: [], notes: [] });
    expect([...readFileSync(join(cwd, 'sv.bin'))]).toEqual([0]);
    expect(JSON.parse(lines[1]!)).toMatchObject({ error: 'token_missing' });
  }, 30_000);
});
