import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'relay-server', include: ['src/**/*.test.ts'] },
});
