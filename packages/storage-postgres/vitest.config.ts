import { defineProject } from 'vitest/config';

export default defineProject({
  // Workspace packages resolve to their TypeScript sources (the `marginalia:source` export
  // condition); published packages resolve to dist/. The rest are Vite's default conditions.
  resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] } },
  test: { name: 'storage-postgres', include: ['src/**/*.test.ts'] },
});
