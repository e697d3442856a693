import { defineProject } from 'vitest/config';
import { workspaceSourceResolve } from '../../.config/workspace-sources.mjs';

// Hooks render in happy-dom; scenario tests start the real relay process and a second client.
export default defineProject({
  // Workspace packages resolve to their TypeScript sources (their `exports` name dist/).
  resolve: workspaceSourceResolve,
  environments: { __vitest__: { resolve: workspaceSourceResolve } },
  test: {
    name: 'react',
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['src/fixtures/relay-global-setup.ts'],
  },
});
