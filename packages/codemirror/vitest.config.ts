import { defineProject } from 'vitest/config';

// Editors run in happy-dom (a real EditorView, y-codemirror.next's yCollab); e2e files drive Chromium.
export default defineProject({
  // Workspace packages resolve to their TypeScript sources (the `marginalia:source` export
  // condition); published packages resolve to dist/. The rest are Vite's default conditions.
  resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'codemirror',
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
