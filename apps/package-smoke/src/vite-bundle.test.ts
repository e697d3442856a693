import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runChecked } from './run-command.js';

// (d) A Vite build of a React app on @marginalia/client and @marginalia/react with Tiptap through
// @marginalia/prosemirror/tiptap and CodeMirror through @marginalia/codemirror, all from the tarballs,
// next to yjs 13.6.27: exactly one Yjs in the bundle, shared by the bindings and the Yjs editor bindings.

const consumerDir = inject('consumerDir');

describe('a Vite build of a React app', () => {
  it('bundles the packages and both editor bindings with exactly one copy of Yjs', async () => {
    const app = join(consumerDir, 'vite-app');
    await runChecked('npx', ['--no-install', 'vite', 'build', app, '--config', join(app, 'vite.config.mjs')], {
      cwd: consumerDir,
      timeoutMs: 180_000,
    });
    const yjsModules = JSON.parse(readFileSync(join(app, 'yjs-modules.json'), 'utf8')) as string[];
    const copies = new Set(
      yjsModules.map((id) => id.slice(0, id.lastIndexOf('/node_modules/yjs/') + '/node_modules/yjs/'.length)),
    );
    expect(yjsModules.length).toBeGreaterThan(0);
    expect([...copies]).toEqual([join(consumerDir, 'node_modules/yjs/')]);
    const folders = JSON.parse(readFileSync(join(app, 'bundled-packages.json'), 'utf8')) as string[];
    const bundled = folders.map((folder) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)$/.exec(folder)?.[1]);
    console.log(`bundled packages: ${bundled.join(', ')}`);
    expect(bundled).toEqual(
      expect.arrayContaining([
        '@marginalia/prosemirror',
        '@marginalia/codemirror',
        'y-prosemirror',
        '@tiptap/y-tiptap',
        'y-codemirror.next',
        '@tiptap/core',
        '@codemirror/view',
        'yjs',
      ]),
    );
    // One copy of each package: two prosemirror-model or @codemirror/state copies break an editor as two Yjs do.
    expect(bundled.filter((name, i) => bundled.indexOf(name) !== i)).toEqual([]);
    const assets = join(app, 'dist/assets');
    const bundle = readdirSync(assets)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(assets, file), 'utf8'))
      .join('\n');
    // Yjs warns "Yjs was already imported" from a module-level check: once per copy in the bundle.
    expect(bundle.split('Yjs was already imported').length - 1).toBe(1);
  });
});
