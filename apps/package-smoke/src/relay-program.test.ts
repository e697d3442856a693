import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startInstalledRelay } from './consumer-process.js';
import { runChecked } from './run-command.js';

// (b) The relay program from the installed @marginalia/relay-server: compiled JavaScript, no tsx.

const consumerDir = inject('consumerDir');

describe('npx marginalia-relay from the installed package', () => {
  it('serves a stock y-websocket client, stores what it wrote, and serves it again after a restart', async () => {
    const dataDir = join(consumerDir, 'relay-data');
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const args = ['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--no-static'];
    const relay = await startInstalledRelay(consumerDir, args);
    const written = await runChecked(
      'node',
      ['stock-sync.mjs', String(relay.port), 'smoke/stock', 'write', 'from a stock client'],
      {
        cwd: consumerDir,
        timeoutMs: 30_000,
      },
    );
    expect(JSON.parse(written.stdout)).toMatchObject({
      seenByOther: 'from a stock client',
      stored: { t: 'from a stock client' },
    });
    await relay.stop();

    const restarted = await startInstalledRelay(consumerDir, args);
    const read = await runChecked('node', ['stock-sync.mjs', String(restarted.port), 'smoke/stock', 'read'], {
      cwd: consumerDir,
      timeoutMs: 30_000,
    });
    await restarted.stop();
    expect(JSON.parse(read.stdout)).toEqual({ read: 'from a stock client' });
  });

  it('runs without tsx or esbuild installed', async () => {
    const { stdout } = await runChecked('npm', ['ls', '--all', '--parseable'], { cwd: consumerDir });
    expect(
      stdout
        .split('\n')
        .filter((line) => /[/\\]node_modules[/\\](tsx|esbuild)$/.test(line) && line.includes('relay-server')),
    ).toEqual([]);
    const help = await runChecked('npx', ['--no-install', 'marginalia-relay', 'serve', '--help'], { cwd: consumerDir });
    expect(help.stdout).toContain('usage: marginalia-relay serve');
  });
});
