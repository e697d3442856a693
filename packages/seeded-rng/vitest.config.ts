import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'seeded-rng', include: ['src/**/*.test.ts'] },
});
