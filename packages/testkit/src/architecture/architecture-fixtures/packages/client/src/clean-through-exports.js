import { createRelay } from '@marginalia/relay';
export const clean = createRelay;
