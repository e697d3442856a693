import { runFanoutConformance } from '@marginalia/testkit';
import { createLocalFanout } from './local-fanout.js';

// One in-process fanout serves as both instances: it never loses a message, so no interrupt.
runFanoutConformance('local', async () => {
  const fanout = createLocalFanout();
  return { a: fanout, b: fanout, cleanup: async () => undefined };
});
