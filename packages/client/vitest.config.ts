import { defineProject } from 'vitest/config';

export default defineProject({
  // Scenario tests start the real relay process (and restart it); give them room on a shared machine.
  test: { name: 'client', include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
