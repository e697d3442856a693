import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Vitest global setup of the `reader` project: builds apps/reader/dist as `pnpm start` does. */
export default function buildReader(): void {
  const vite = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
  if (!existsSync(vite)) throw new Error(`vite is not installed at ${vite}; run pnpm install`);
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: APP_DIR, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building the reader failed (exit ${result.status})`);
}
