import { defineProject } from 'vitest/config';
import { workspaceSourceResolve } from '../../.config/workspace-sources.mjs';

/**
 * Test files that run after every other project has finished, one at a time: the hostile
 * catalogue asserts that the relay answers /healthz within 100 ms throughout, which measures the
 * relay only when no other test competes for the machine's cores.
 */
export const ALONE_TEST_FILES = ['src/hostile-inputs.test.ts'];

export default defineProject({
  resolve: workspaceSourceResolve,
  test: {
    name: 'relay-server-alone',
    include: ALONE_TEST_FILES,
    fileParallelism: false,
    // Projects run in groups from the lowest number up; every other project is in group 0.
    sequence: { groupOrder: 1 },
  },
});
