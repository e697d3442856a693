import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintWorkspace } from './lint-workspace.js';

describe('the workspace itself', () => {
  it('breaks none of the lint rules (pnpm lint)', () => {
    const root = resolve(fileURLToPath(import.meta.url), '../../../../..');
    expect(lintWorkspace(root)).toEqual([]);
  });
});
