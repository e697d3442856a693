import { describe, expect, it } from 'vitest';
import { checkImportCycles } from './import-cycles.js';
import { checkEmptyCatch, checkExplicitExports, checkPackageBoundaries, checkRelayCorePurity } from './rules.js';
import { findImports, type SourceFile } from './source-files.js';

const file = (path: string, text: string): SourceFile => ({ path, text, imports: findImports(text) });

describe('workspace lint rules', () => {
  it('finds static, re-export, type-only and dynamic imports', () => {
    const text = "import a from 'a';\nimport type { B } from './b.js';\nexport { c } from \"../c.js\";\nconst d = await import('node:fs');";
    expect(findImports(text)).toEqual(['a', './b.js', '../c.js', 'node:fs']);
  });

  it('reports a cycle among relative imports and accepts a tree', () => {
    const cyclic = [
      file('packages/x/src/a.ts', "import { b } from './b.js';"),
      file('packages/x/src/b.ts', "import { c } from './c.js';"),
      file('packages/x/src/c.ts', "import { a } from './a.js';"),
    ];
    expect(checkImportCycles(cyclic)).toHaveLength(1);
    expect(checkImportCycles(cyclic)[0]?.message).toContain('packages/x/src/b.ts');
    const tree = [file('packages/x/src/a.ts', "import { b } from './b.js';"), file('packages/x/src/b.ts', '')];
    expect(checkImportCycles(tree)).toEqual([]);
  });

  it('keeps hono and node built-ins out of the relay core only', () => {
    const files = [
      file('packages/relay/src/core/room.ts', "import { Hono } from 'hono';\nimport fs from 'node:fs';"),
      file('packages/relay/src/http/app.ts', "import { Hono } from 'hono';"),
    ];
    expect(checkRelayCorePurity(files).map((f) => f.message)).toEqual(["imports 'hono'", "imports 'node:fs'"]);
  });

  it('refuses relative imports into another package', () => {
    const files = [file('packages/client/src/a.ts', "import { x } from '../../model/src/x.js';\nimport { y } from './y.js';")];
    expect(checkPackageBoundaries(files).map((f) => f.message)).toEqual(["reaches into 'packages/model/src/x.js'"]);
  });

  it('refuses export-star in index files and empty catch blocks', () => {
    expect(checkExplicitExports([file('packages/a/src/index.ts', "export * from './x.js';")])).toHaveLength(1);
    expect(checkExplicitExports([file('packages/a/src/index.ts', "export { x } from './x.js';")])).toEqual([]);
    expect(checkEmptyCatch([file('packages/a/src/x.ts', `try { f(); } catch (e) {${''}}`)])).toHaveLength(1);
    expect(checkEmptyCatch([file('packages/a/src/x.ts', 'try { f(); } catch (e) { log(e); }')])).toEqual([]);
  });
});
