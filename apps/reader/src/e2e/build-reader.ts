import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Vitest global setup of the `reader` project: builds apps/reader/dist as `pnpm start` does. */
export default function buildReader(): void {
  const vite = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
  if (!existsSync(vite)) throw new Error(`vite is not installed at ${vite}; run pnpm install`);
  // Vitest sets NODE_ENV=test; the relay serves a production build, as in `pnpm start`.
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: APP_DIR,
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) throw new Error(`building the reader failed (exit ${result.status})`);
}
