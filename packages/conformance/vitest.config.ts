import { defineProject } from 'vitest/config';
import { workspaceSourceResolve } from '../../.config/workspace-sources.mjs';

export default defineProject({
  // Workspace packages resolve to their TypeScript sources (their `exports` name dist/).
  resolve: workspaceSourceResolve,
  test: { name: 'conformance', include: ['src/**/*.test.ts'] },
});
