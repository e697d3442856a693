import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '@marginalia/testkit';

const DOC = fileURLToPath(new URL('../../../docs/client.md', import.meta.url));
const PROGRAM = fileURLToPath(new URL(`../.docs-client-md-${process.pid}.mjs`, import.meta.url));

/** The ```js blocks of docs/client.md, in order, as one program (```js browser blocks are left out). */
function docProgram(relayUrl: string): string {
  const blocks = [...readFileSync(DOC, 'utf8').matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
  if (blocks.length < 5) throw new Error(`expected the guide's js blocks, found ${blocks.length}`);
  return blocks.join('\n').replaceAll('ws://127.0.0.1:8787', relayUrl);
}

const PROGRAM_TIMEOUT_MS = 50_000;

function run(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const child = spawn(process.execPath, [tsx, file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // Killed before the test's own timeout, so that a hang shows how far the program got.
  const timer = setTimeout(() => child.kill('SIGKILL'), PROGRAM_TIMEOUT_MS);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr: stderr || (code === null ? `killed after ${PROGRAM_TIMEOUT_MS} ms` : '') });
    }),
  );
}

describe('docs/client.md', () => {
  let relay: RelayProcess;
  beforeAll(async () => {
    relay = await startRelayProcess();
  });
  afterAll(async () => {
    rmSync(PROGRAM, { force: true });
    await relay?.stop();
  });

  it('the plain-JS guide runs top to bottom against the real relay', async () => {
    writeFileSync(PROGRAM, docProgram(`ws://127.0.0.1:${relay.port}`));
    const result = await run(PROGRAM);
    expect(result.stderr, result.stdout).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('synced 0');
    expect(result.stdout).toContain('true 2 synced');
    expect(result.stdout.match(/^synced 0$/gm)).toHaveLength(2);
    expect(result.stdout).toMatch(/^\[\]$/m);
    expect(result.stdout).toContain("[ 'field_too_large' ] A short note.");
    expect(result.stdout).toContain('http-fallback 0 false');
  });
});
