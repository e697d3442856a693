import { defineProject } from 'vitest/config';

// Editors run in happy-dom (a real EditorView, y-prosemirror's plugins); e2e files drive Chromium.
export default defineProject({
  test: {
    name: 'prosemirror',
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
