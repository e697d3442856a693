import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'storage-postgres', include: ['src/**/*.test.ts'] },
});
