// The root test configuration: every package and app is a Vitest project.
// Vitest 4 does not read a stand-alone workspace file, so `pnpm test` passes this
// file with `--config`; each project has its own small vitest.config.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Global setup files run here: resolve workspace packages to their sources, as the projects do.
  resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] } },
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});
