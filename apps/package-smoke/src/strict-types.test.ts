import { describe, expect, inject, it } from 'vitest';
import { runCommand } from './run-command.js';
import { ownErrors } from './tsc-errors.js';

// (c) tsc --noEmit of a strict consumer: strict, exactOptionalPropertyTypes,
// noPropertyAccessFromIndexSignature, erasableSyntaxOnly, no skipLibCheck; lib ES2022 only for
// the Node entry (relay, stores, client with ws), ES2022 + DOM for the browser entry (React, the editor bindings).

const consumerDir = inject('consumerDir');

describe('a strict TypeScript consumer', () => {
  it.each(['node', 'browser'])('type-checks the %s entry against our declarations', async (entry) => {
    const tsc = await runCommand('npx', ['--no-install', 'tsc', '-p', `strict/tsconfig.${entry}.json`], {
      cwd: consumerDir,
      timeoutMs: 120_000,
    });
    expect(ownErrors(tsc.stdout), tsc.stdout).toEqual([]);
    if (entry === 'browser') expect(tsc.code, tsc.stdout).toBe(0);
  });
});
