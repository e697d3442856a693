import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'fanout-redis', include: ['src/**/*.test.ts'] },
});
