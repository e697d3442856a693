/** Summarizes V8 `.cpuprofile` files (from `--cpu-prof`) into self time by package and by function. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export function summarizeProfiles(dir: string, top = 12): string | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return undefined;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id);
      const us = profile.timeDeltas[i] ?? 0;
      if (!node) return;
      const frame = node.callFrame;
      if (frame.functionName === '(idle)') return;
      total += us;
      const where = frame.url ? `${shorten(frame.url)}:${frame.lineNumber + 1}` : '';
      add(byFunction, `${frame.functionName || '(anonymous)'} ${where}`.trim(), us);
      add(byPackage, packageOf(frame.url, frame.functionName), us);
    });
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `| ${name} | ${((100 * us) / total).toFixed(1)}% |`);
  return [
    `V8 CPU profile of the relay over ${files.length} profile file(s) (\`--cpu-prof\`; the tsx loader thread writes its own), ` +
      `${(total / 1000).toFixed(0)} ms of non-idle samples. Samples are wall-clock time of the JS thread, so a blocking call ` +
      '(an fsync inside a SQLite commit) counts in full. Self time as a share of the non-idle samples:',
    '',
    '| package | self |',
    '|---|--:|',
    ...rows(byPackage),
    '',
    '| function | self |',
    '|---|--:|',
    ...rows(byFunction),
  ].join('\n');
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

function shorten(url: string): string {
  const at = url.lastIndexOf('node_modules/');
  if (at >= 0) return url.slice(at + 'node_modules/'.length);
  const pkg = url.indexOf('/packages/');
  if (pkg >= 0) return url.slice(pkg + 1);
  const app = url.indexOf('/apps/');
  return app >= 0 ? url.slice(app + 1) : url.replace(/^file:\/\//, '');
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(
    url.slice(url.lastIndexOf('node_modules/.pnpm') >= 0 ? url.lastIndexOf('node_modules/') : 0),
  );
  if (modules?.[1]) return modules[1];
  const local = /\/(packages|apps)\/([^/]+)\//.exec(url);
  return local ? `${local[1]}/${local[2]}` : 'other';
}
