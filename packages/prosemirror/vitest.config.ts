import { defineProject } from 'vitest/config';
import { workspaceSourceResolve } from '../../.config/workspace-sources.mjs';

// Editors run in happy-dom (a real EditorView, y-prosemirror's plugins); e2e files drive Chromium.
export default defineProject({
  // Workspace packages resolve to their TypeScript sources (their `exports` name dist/).
  resolve: workspaceSourceResolve,
  test: {
    name: 'prosemirror',
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
