import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Paths from strings: happy-dom's URL class is not one node:fs accepts.
const HERE = fileURLToPath(import.meta.url);
const GUIDE = resolve(HERE, '../../../../docs/editors.md');
const TMP = resolve(HERE, '../../.docs-tmp');

/**
 * The ```ts run blocks of docs/editors.md, each as a module with `handle` (a document and its model)
 * and `place` (a DOM element) defined first; `console.log(x); // -> json` lines become assertions.
 */
const blocks = [...readFileSync(GUIDE, 'utf8').matchAll(/^```ts run\n([\s\S]*?)^```$/gm)].map(
  (match) => match[1] ?? '',
);

const PREAMBLE = `import * as Y from 'yjs';
import { createModel } from '@marginalia/model';
const doc = new Y.Doc();
const handle = { doc, model: createModel(doc, { user: { id: 'alice', name: 'alice' } }) };
const place = document.createElement('div');
document.body.append(place);
`;

const IMPORT_STATEMENT = /^import [\s\S]*?;$/gm; // one or several lines (Prettier wraps long ones)

const toModule = (block: string): string => {
  const imports = block.match(IMPORT_STATEMENT) ?? [];
  const body = block
    .replace(IMPORT_STATEMENT, '')
    .split('\n')
    .map((line) =>
      line.replace(
        /^(\s*)console\.log\((.*)\);\s*\/\/ -> (.*)$/,
        (_all, indent: string, expr: string, json: string) => `${indent}__checks.push([${expr}, ${json}]);`,
      ),
    );
  return `${imports.join('\n')}\n${PREAMBLE}export const __checks: Array<[unknown, unknown]> = [];\n${body.join('\n')}\n`;
};

describe('docs/editors.md', () => {
  afterAll(() => rmSync(TMP, { recursive: true, force: true }));

  it('has a runnable block for each editor', () => {
    expect(blocks).toHaveLength(3);
  });

  it.each(blocks.map((block, index) => [index, block] as const))(
    'block %i runs and logs what its comments say',
    async (index, block) => {
      mkdirSync(TMP, { recursive: true });
      const file = resolve(TMP, `block-${index}.ts`);
      writeFileSync(file, toModule(block));
      const module = (await import(/* @vite-ignore */ file)) as { __checks: Array<[unknown, unknown]> };
      expect(module.__checks.length).toBeGreaterThan(0);
      for (const [actual, expected] of module.__checks) expect(actual).toEqual(expected);
    },
  );
});
