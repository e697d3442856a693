import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packWorkspace, type PackedPackage } from './pack-workspace.js';
import { reuseConsumer } from './reuse-consumer.js';
import { runChecked } from './run-command.js';

declare module 'vitest' {
  export interface ProvidedContext {
    consumerDir: string;
    packed: PackedPackage[];
  }
}

const TEMPLATE = new URL('../consumer/', import.meta.url);

/**
 * What an app next to our packages would pin: the oldest Yjs and hono we promise to work with
 * (issue 9: yjs 13.6.27 and hono 4.7), and the tools the checks run.
 */
const THIRD_PARTY = {
  dependencies: {
    yjs: '13.6.27',
    hono: '4.7.11',
    '@hono/node-server': '^2.1.0',
    ws: '^8.18.0',
    'y-websocket': '3.1.0',
    'y-protocols': '1.0.6',
    react: '^19.2.0',
    'react-dom': '^19.2.0',
    // The editors of the bindings (@marginalia/prosemirror, @marginalia/codemirror), as an app pins them.
    '@tiptap/core': '3.31.3',
    '@tiptap/pm': '3.31.3',
    '@tiptap/starter-kit': '3.31.3',
    '@tiptap/extension-collaboration': '3.31.3',
    '@tiptap/extension-collaboration-caret': '3.31.3',
    '@codemirror/state': '6.7.6',
    '@codemirror/view': '6.43.15',
  },
  devDependencies: {
    typescript: '5.9.3',
    '@types/node': '^20.19.0',
    '@types/react': '^19.2.0',
    '@types/react-dom': '^19.2.0',
    vite: '7.3.8',
    vitest: '4.1.12',
    publint: '^0.3.12',
    '@arethetypeswrong/cli': '^0.18.0',
  },
};

/** Packs the workspace and installs every tarball with npm into a fresh folder outside it. */
export default async function setup(project: TestProject): Promise<() => void> {
  const reused = reuseConsumer();
  if (reused !== undefined) {
    project.provide('consumerDir', reused.consumer);
    project.provide('packed', reused.packed);
    return () => undefined;
  }
  const root = mkdtempSync(join(tmpdir(), 'marginalia-smoke-'));
  const tarballs = join(root, 'tarballs');
  const consumer = join(root, 'consumer');
  mkdirSync(tarballs);
  const packed = await packWorkspace(tarballs);
  cpSync(TEMPLATE, consumer, { recursive: true });
  const ours = Object.fromEntries(packed.map((pkg) => [pkg.name, `file:${pkg.file}`]));
  const manifest = {
    name: 'marginalia-consumer',
    private: true,
    type: 'module',
    dependencies: { ...ours, ...THIRD_PARTY.dependencies },
    devDependencies: THIRD_PARTY.devDependencies,
  };
  writeFileSync(join(consumer, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await runChecked('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: consumer,
    timeoutMs: 900_000,
  });
  project.provide('consumerDir', consumer);
  project.provide('packed', packed);
  return () => {
    if (process.env['MARGINALIA_SMOKE_KEEP'] === undefined) rmSync(root, { recursive: true, force: true });
    else console.log(`package smoke: consumer kept in ${consumer}`);
  };
}
