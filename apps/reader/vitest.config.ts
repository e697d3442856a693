import { defineProject } from 'vitest/config';

// End-to-end tests: real headless Chromium (playwright-core) against the real relay process
// serving the built reader. Unit tests of the app's pure helpers run here too (node environment).
export default defineProject({
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
