import { defineProject } from 'vitest/config';

// One npm install outside the workspace (global setup), then every check against it. The install
// compiles better-sqlite3 from source on a machine without a prebuilt binary: give it time.
export default defineProject({
  resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'package-smoke',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/install-consumer.ts'],
    testTimeout: 180_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
