import { defineProject } from 'vitest/config';

export default defineProject({
  // Workspace packages resolve to their TypeScript sources (the `marginalia:source` export
  // condition); published packages resolve to dist/. The rest are Vite's default conditions.
  resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] } },
  // Scenario tests start the real relay process (and restart it); give them room on a shared machine.
  test: { name: 'client', include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
