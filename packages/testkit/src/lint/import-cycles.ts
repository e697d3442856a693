import { posix } from 'node:path';
import type { SourceFile } from './source-files.js';
import type { Finding } from './rules.js';

/** Resolves a relative specifier to a file of `known`, trying the usual TypeScript endings. */
function resolveRelative(from: string, spec: string, known: ReadonlySet<string>): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.js$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

function buildGraph(files: readonly SourceFile[]): Map<string, string[]> {
  const known = new Set(files.map((file) => file.path));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const edges = file.imports
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolveRelative(file.path, spec, known))
      .filter((target): target is string => target !== undefined);
    graph.set(file.path, edges);
  }
  return graph;
}

/** Every import cycle among relative imports, each reported once (Tarjan's strongly connected components). */
export function checkImportCycles(files: readonly SourceFile[]): Finding[] {
  const graph = buildGraph(files);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const findings: Finding[] = [];
  let counter = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfLoop = (graph.get(node) ?? []).includes(node);
    if (component.length > 1 || selfLoop) {
      findings.push({ rule: 'import-cycle', path: node, message: `cycle through ${component.sort().join(' -> ')}` });
    }
  };

  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return findings;
}
