import { defineProject } from 'vitest/config';

// Hooks render in happy-dom; scenario tests start the real relay process and a second client.
export default defineProject({
  test: {
    name: 'react',
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['src/fixtures/relay-global-setup.ts'],
  },
});
