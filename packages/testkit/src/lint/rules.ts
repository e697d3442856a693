import { posix } from 'node:path';
import type { SourceFile } from './source-files.js';

/** One broken rule at one place. */
export interface Finding {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

const RELAY_CORE = 'packages/relay/src/core/';

/** The relay core stays portable: no hono and no Node built-ins. */
export function checkRelayCorePurity(files: readonly SourceFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (!file.path.startsWith(RELAY_CORE)) continue;
    for (const spec of file.imports) {
      if (spec === 'hono' || spec.startsWith('hono/') || spec.startsWith('@hono/') || spec.startsWith('node:')) {
        findings.push({ rule: 'relay-core-purity', path: file.path, message: `imports '${spec}'` });
      }
    }
  }
  return findings;
}

/** Packages are used through their exports, never by a relative path into another package. */
export function checkPackageBoundaries(files: readonly SourceFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const owner = file.path.split('/').slice(0, 2).join('/');
    for (const spec of file.imports) {
      if (!spec.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file.path), spec));
      if (!target.startsWith(`${owner}/`)) {
        findings.push({ rule: 'package-boundary', path: file.path, message: `reaches into '${target}'` });
      }
    }
  }
  return findings;
}

/** Index files list their exports explicitly. */
export function checkExplicitExports(files: readonly SourceFile[]): Finding[] {
  return files
    .filter((file) => /(^|\/)index\.tsx?$/.test(file.path) && /^\s*export\s+\*\s+from/m.test(file.text))
    .map((file) => ({ rule: 'explicit-exports', path: file.path, message: "uses 'export * from'" }));
}

/** No empty catch block that swallows an error without a word. */
export function checkEmptyCatch(files: readonly SourceFile[]): Finding[] {
  return files
    .filter((file) => /catch\s*(\([^)]*\))?\s*\{\s*\}/.test(file.text))
    .map((file) => ({ rule: 'no-empty-catch', path: file.path, message: 'has an empty catch block' }));
}
