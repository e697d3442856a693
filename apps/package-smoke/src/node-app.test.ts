import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from './pack-workspace.js';
import { runChecked, runCommand } from './run-command.js';
import { ownErrors } from './tsc-errors.js';

// (a) plain Node ESM apps on the installed packages, the docs' embedding examples, a CommonJS
// consumer, and an adapter author running the published conformance suite.

const consumerDir = inject('consumerDir');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** The ```ts embed blocks of docs/api.md. */
function embedExamples(): string[] {
  const doc = readFileSync(join(REPO_ROOT, 'docs/api.md'), 'utf8');
  return [...doc.matchAll(/^```ts embed\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

describe('the installed packages in plain Node', () => {
  it('a hono app mounts the relay under /collab on SQLite; a Node client makes a highlight and a note and awaits the ack', async () => {
    const { stdout } = await runChecked('node', ['collab-app.mjs'], { cwd: consumerDir, timeoutMs: 60_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(result).toMatchObject({
      status: 'synced',
      home: 'the host app',
      storedText: 'The quick brown fox',
      storedHighlightText: 'quick',
      storedNotes: ['why quick?'],
    });
    expect(result['unsyncedBefore']).toBeGreaterThan(0);
  });

  it('runs the embedding examples of docs/api.md, compiled under a strict tsconfig', async () => {
    const blocks = embedExamples();
    expect(blocks.length).toBe(2);
    const dir = join(consumerDir, 'embed');
    mkdirSync(dir, { recursive: true });
    const files = await Promise.all(
      blocks.map(async (block, index) => {
        const port = await freePort();
        writeFileSync(join(dir, `example-${index + 1}.ts`), block.replaceAll('8787', String(port)));
        return `example-${index + 1}.ts`;
      }),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../strict/tsconfig.node.json',
        compilerOptions: { noEmit: false, outDir: 'out', rootDir: '.' },
        files,
      }),
    );
    const tsc = await runCommand('npx', ['--no-install', 'tsc', '-p', 'embed'], {
      cwd: consumerDir,
      timeoutMs: 120_000,
    });
    expect(ownErrors(tsc.stdout), tsc.stdout).toEqual([]);
    const standalone = await runChecked('node', ['out/example-1.js'], { cwd: dir, timeoutMs: 30_000 });
    expect(standalone.stdout).toMatch(/relay listening on http:\/\/127\.0\.0\.1:\d+/);
    const mounted = await runChecked('node', ['out/example-2.js'], { cwd: dir, timeoutMs: 30_000 });
    expect(mounted.stdout).toContain('without a session: 401');
  });

  it('serves CommonJS consumers through require(esm)', async () => {
    const { stdout } = await runChecked('node', ['require-esm.cjs'], { cwd: consumerDir });
    expect(JSON.parse(stdout)).toEqual({ highlights: 1, sameId: true, relay: 'function' });
  });

  it('runs the published DocumentStore conformance suite the way its README says', async () => {
    const result = await runCommand('npx', ['--no-install', 'vitest', 'run', 'my-store.test.mjs'], {
      cwd: consumerDir,
      timeoutMs: 120_000,
      env: { CI: 'true', NO_COLOR: '1', FORCE_COLOR: undefined },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/Tests\s+\d+ passed/);
  });
});
