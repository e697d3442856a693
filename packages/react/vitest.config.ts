import { defineProject } from 'vitest/config';

// Hooks render in happy-dom; scenario tests start the real relay process and a second client.
export default defineProject({
  // Workspace packages resolve to their TypeScript sources (the `marginalia:source` export
  // condition); published packages resolve to dist/. The rest are Vite's default conditions.
  resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] } },
  environments: {
    __vitest__: { resolve: { conditions: ['marginalia:source', 'module', 'node', 'development|production'] } },
  },
  test: {
    name: 'react',
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['src/fixtures/relay-global-setup.ts'],
  },
});
