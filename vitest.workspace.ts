// The root test configuration: every package and app is a Vitest project.
// Vitest 4 does not read a stand-alone workspace file, so `pnpm test` passes this
// file with `--config`; each project has its own small vitest.config.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});
