// The root test configuration: every package and app is a Vitest project.
// Vitest 4 does not read a stand-alone workspace file, so `pnpm test` passes this
// file with `--config`; each project has its own small vitest.config.ts.
import { defineConfig } from 'vitest/config';
import { workspaceSourceResolve } from './.config/workspace-sources.mjs';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (their `exports` name dist/).
  resolve: workspaceSourceResolve,
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      // Runs after all the others (sequence.groupOrder 1): the hostile catalogue's /healthz bound.
      'apps/relay-server/vitest.alone.config.ts',
    ],
  },
});
