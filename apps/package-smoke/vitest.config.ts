import { defineProject } from 'vitest/config';
import { workspaceSourceResolve } from '../../.config/workspace-sources.mjs';

// One npm install outside the workspace (global setup), then every check against it. The install
// compiles better-sqlite3 from source on a machine without a prebuilt binary: give it time.
export default defineProject({
  // Workspace packages resolve to their TypeScript sources (their `exports` name dist/).
  resolve: workspaceSourceResolve,
  test: {
    name: 'package-smoke',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/install-consumer.ts'],
    testTimeout: 180_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
