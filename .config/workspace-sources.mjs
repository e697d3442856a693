// Where the workspace's own tests and the reader's Vite build find our packages: their TypeScript
// sources, not the compiled dist/ their `exports` name. The published manifests point only at
// files they carry (decision 0005); this alias list is the workspace's way back to src/.
// Plain JavaScript with its declarations beside it, so that project configs inside a package's
// TypeScript project (the reader's vite.config.ts) can import it without pulling it into theirs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES_DIR = fileURLToPath(new URL('../packages/', import.meta.url));

/** `./dist/tiptap/index.js` -> `<dir>/src/tiptap/index.ts` (or `.tsx`), if that source exists. */
function sourceOf(packageDir, target) {
  const compiled = typeof target === 'string' ? target : target?.default;
  if (typeof compiled !== 'string' || !compiled.startsWith('./dist/') || !compiled.endsWith('.js')) return undefined;
  const stem = join(packageDir, 'src', compiled.slice('./dist/'.length, -'.js'.length));
  return [`${stem}.ts`, `${stem}.tsx`].find((file) => existsSync(file));
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function entriesOf(packageDir) {
  const manifestPath = join(packageDir, 'package.json');
  if (!existsSync(manifestPath)) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
    const source = sourceOf(packageDir, target);
    if (source === undefined) return [];
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`;
    return [{ specifier, source }];
  });
}

/** Every public workspace package's entry points (`@marginalia/x`, `@marginalia/x/sub`) and their sources. */
export const workspaceSourceEntries = readdirSync(PACKAGES_DIR).flatMap((name) => entriesOf(join(PACKAGES_DIR, name)));

/** The same as Vite/Vitest aliases: exact specifiers only. */
export const workspaceSourceAliases = workspaceSourceEntries.map(({ specifier, source }) => ({
  find: new RegExp(`^${escapeRegExp(specifier)}$`),
  replacement: source,
}));

/** Resolve options for a Vitest project or Vite config: our packages from src/, the rest as usual. */
export const workspaceSourceResolve = { alias: [...workspaceSourceAliases] };
