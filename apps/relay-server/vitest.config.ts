import { defineProject } from 'vitest/config';
import { workspaceSourceResolve } from '../../.config/workspace-sources.mjs';
import { ALONE_TEST_FILES } from './vitest.alone.config.js';

export default defineProject({
  // Workspace packages resolve to their TypeScript sources (their `exports` name dist/).
  resolve: workspaceSourceResolve,
  test: { name: 'relay-server', include: ['src/**/*.test.ts'], exclude: [...ALONE_TEST_FILES] },
});
