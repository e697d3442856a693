import { createRelayCore } from '@marginalia/relay/src/core/relay-core.ts';
export const deep = createRelayCore;
