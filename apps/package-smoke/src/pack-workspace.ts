import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecked } from './run-command.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface PackedPackage {
  readonly name: string;
  /** Absolute path of the tarball. */
  readonly file: string;
  readonly bytes: number;
}

/** The workspace's public packages (packages/* and apps/* without `"private": true`), by directory. */
export function publicPackageDirs(): string[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(REPO_ROOT, group))
      .map((name) => join(REPO_ROOT, group, name))
      .filter((dir) => {
        try {
          const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { private?: boolean };
          return manifest.private !== true;
        } catch {
          return false; // not a package directory
        }
      }),
  );
}

/**
 * `pnpm pack` of every public package into `destination` (pnpm turns `workspace:` and `catalog:`
 * into versions and applies `publishConfig`, as `pnpm publish` does). Needs the built dist/.
 */
export async function packWorkspace(destination: string): Promise<PackedPackage[]> {
  const packed: PackedPackage[] = [];
  for (const dir of publicPackageDirs()) {
    const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    await runChecked('pnpm', ['pack', '--pack-destination', destination], { cwd: dir });
    const file = join(destination, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
    packed.push({ name, file, bytes: statSync(file).size });
  }
  return packed;
}
