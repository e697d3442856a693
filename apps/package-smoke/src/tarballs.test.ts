import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { publicPackageDirs } from './pack-workspace.js';
import { runCommand } from './run-command.js';

// What is in each tarball, and whether the field's linters accept it (e).

const packed = inject('packed');
const consumerDir = inject('consumerDir');
const FORBIDDEN = [
  /\.test\./,
  /[/\\]fixtures[/\\]/,
  /tsconfig.*\.json$/,
  /vitest\.config/,
  /\.tsbuildinfo$/,
  /^package\/src\//,
  /test-helpers/,
];

interface Manifest {
  readonly name: string;
  readonly exports?: unknown;
  readonly main?: string;
  readonly types?: string;
  readonly publishConfig?: Readonly<Record<string, unknown>>;
}

/** Every file a manifest's `exports` (any condition), `main` and `types` point at. */
function entryFiles(manifest: Manifest): string[] {
  const targets = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : typeof value === 'object' && value !== null
        ? Object.values(value).flatMap(targets)
        : [];
  return [...targets(manifest.exports), ...targets(manifest.main), ...targets(manifest.types)];
}

const workspaceManifests = new Map(
  publicPackageDirs().map((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    return [manifest.name, manifest] as const;
  }),
);

describe('package tarballs', () => {
  it('lists every public package with its size', () => {
    const table = packed.map((pkg) => `${basename(pkg.file)}\t${(pkg.bytes / 1024).toFixed(1)} KiB`).join('\n');
    console.log(`tarballs:\n${table}`);
    expect(packed.map((pkg) => pkg.name)).toEqual(
      expect.arrayContaining([
        '@marginalia/client',
        '@marginalia/model',
        '@marginalia/relay',
        '@marginalia/relay-server',
        '@marginalia/conformance',
        '@marginalia/prosemirror',
        '@marginalia/codemirror',
      ]),
    );
  });

  it.each(packed.map((pkg) => [pkg.name, pkg.file] as const))(
    '%s carries dist, README and package.json, no tests or test data',
    (_name, file) => {
      const entries = execFileSync('tar', ['tzf', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
      expect(entries).toContain('package/package.json');
      expect(entries).toContain('package/README.md');
      expect(entries.some((entry) => entry.startsWith('package/dist/') && entry.endsWith('.js'))).toBe(true);
      expect(entries.filter((entry) => FORBIDDEN.some((pattern) => pattern.test(entry)))).toEqual([]);
    },
  );

  // `npm publish` reads the workspace manifest as it is (it ignores `publishConfig.exports`): every
  // file it names must be in the tarball, whichever tool publishes.
  it.each(packed.map((pkg) => [pkg.name, pkg.file] as const))(
    '%s: the workspace manifest names only files its tarball carries',
    (name, file) => {
      const manifest = workspaceManifests.get(name);
      expect(manifest, name).toBeDefined();
      expect(manifest?.publishConfig?.['exports']).toBeUndefined();
      const entries = new Set(execFileSync('tar', ['tzf', file], { encoding: 'utf8' }).split('\n').filter(Boolean));
      const named = entryFiles(manifest!).map((target) => `package/${target.replace(/^\.\//, '')}`);
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((entry) => !entries.has(entry))).toEqual([]);
    },
  );

  it.each(packed.map((pkg) => [pkg.name, pkg.file] as const))(
    '%s passes publint and arethetypeswrong',
    async (_name, file) => {
      const publint = await runCommand('npx', ['--no-install', 'publint', '--strict', file], { cwd: consumerDir });
      expect(publint.code, publint.stdout + publint.stderr).toBe(0);
      // ES modules only (decision 0005): the esm-only profile ignores node10 and CJS resolution.
      const attw = await runCommand(
        'npx',
        ['--no-install', 'attw', file, '--profile', 'esm-only', '--format', 'ascii'],
        { cwd: consumerDir },
      );
      expect(attw.code, attw.stdout + attw.stderr).toBe(0);
    },
  );
});
