import { defineProject } from 'vitest/config';

// End-to-end tests: real headless Chromium (playwright-core) against the real relay process
// serving the built reader. Unit tests of the app's pure helpers run here too (node environment).
export default defineProject({
  // Workspace packages resolve to their TypeScript sources (the `marginalia:source` export
  // condition); published packages resolve to dist/. The rest are Vite's default conditions.
  resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] } },
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
