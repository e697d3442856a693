import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

// The architecture rules of `pnpm lint` (.config/dependency-cruiser.cjs), each shown to fire on a
// file of architecture-fixtures/ that breaks it, and to stay quiet on the clean ones.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./architecture-fixtures/', import.meta.url));
const run = promisify(execFile);

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

let violations: readonly Violation[] = [];
beforeAll(async () => {
  const depcruise = `${ROOT}node_modules/.bin/depcruise`;
  const config = `${ROOT}.config/dependency-cruiser.cjs`;
  // Exit code 1 means "violations found", which is what the fixtures are for.
  const result = await run(depcruise, ['--config', config, '--output-type', 'json', 'packages'], {
    cwd: FIXTURES,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => {
    if (typeof error.stdout === 'string' && error.stdout.startsWith('{')) return { stdout: error.stdout };
    throw error;
  });
  violations = (JSON.parse(result.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}, 60_000);

const rulesFor = (file: string): string[] =>
  [...new Set(violations.filter((v) => v.from === file).map((v) => v.rule.name))].sort();

describe('architecture rules (dependency-cruiser)', () => {
  it('no-circular: a cycle between two modules', () => {
    expect(rulesFor('packages/model/src/cycle-a.js')).toEqual(['no-circular']);
  });

  it.each([
    ['imports-fs.js', 'a Node built-in (`import fs`)'],
    ['requires-node-os.js', "require('node:os')"],
    ['imports-ws.js', 'ws'],
    ['imports-hono.js', 'hono'],
    ['imports-adapter.js', 'an adapter package (@marginalia/storage-sqlite)'],
    ['imports-http.js', "the relay's own http/ adapter"],
  ])('relay-core-pure: the relay core refuses %s (%s)', (file) => {
    expect(rulesFor(`packages/relay/src/core/${file}`)).toContain('relay-core-pure');
  });

  it('relay-core-pure: core code using its own modules and Yjs, and core tests using node:fs, are fine', () => {
    expect(rulesFor('packages/relay/src/core/clean-core.js')).toEqual([]);
    expect(rulesFor('packages/relay/src/core/clean-core-test.test.js')).toEqual([]);
  });

  it('package-boundary: a relative import into another package', () => {
    expect(rulesFor('packages/client/src/reaches-into-relay.js')).toEqual(['package-boundary']);
  });

  it('resolvable: an import past a package’s exports map does not resolve; the package name does', () => {
    expect(rulesFor('packages/client/src/deep-import.js')).toEqual(['resolvable']);
    expect(rulesFor('packages/client/src/clean-through-exports.js')).toEqual([]);
  });

  it('pure-bottom-layer: a model test that uses a package above the model (the old model -> testkit cycle)', () => {
    expect(rulesFor('packages/model/src/reaches-relay.test.js')).toContain('pure-bottom-layer');
  });
});
