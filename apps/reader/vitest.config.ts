import { defineProject } from 'vitest/config';
import { workspaceSourceResolve } from '../../.config/workspace-sources.mjs';

// End-to-end tests: real headless Chromium (playwright-core) against the real relay process
// serving the built reader. Unit tests of the app's pure helpers run here too (node environment).
export default defineProject({
  // Workspace packages resolve to their TypeScript sources (their `exports` name dist/).
  resolve: workspaceSourceResolve,
  test: {
    name: 'reader',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    globalSetup: ['src/e2e/build-reader.ts'],
  },
});
