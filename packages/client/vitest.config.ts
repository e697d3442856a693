import { defineProject } from 'vitest/config';
import { workspaceSourceResolve } from '../../.config/workspace-sources.mjs';

export default defineProject({
  // Workspace packages resolve to their TypeScript sources (their `exports` name dist/).
  resolve: workspaceSourceResolve,
  // Scenario tests start the real relay process (and restart it); give them room on a shared machine.
  test: { name: 'client', include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
