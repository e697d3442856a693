import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A TypeScript source file of the workspace with the module specifiers it imports. */
export interface SourceFile {
  /** Path relative to the workspace root, with `/` separators. */
  readonly path: string;
  readonly imports: readonly string[];
  readonly text: string;
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', 'data', '.artifacts']);
const IMPORT_PATTERN =
  /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Module specifiers of `import`/`export ... from` statements and dynamic `import('...')`. */
export function findImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT_PATTERN)) {
    const specifier = match[1] ?? match[2];
    if (specifier) found.push(specifier);
  }
  return found;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (SKIPPED_DIRS.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
}

/** Every .ts/.tsx file under `packages/` and `apps/` of the workspace at `root`. */
export function readSourceFiles(root: string): SourceFile[] {
  const paths: string[] = [];
  for (const top of ['packages', 'apps']) walk(join(root, top), paths);
  return paths.map((full) => {
    const text = readFileSync(full, 'utf8');
    return { path: relative(root, full).split('\\').join('/'), imports: findImports(text), text };
  });
}
