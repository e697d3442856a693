#!/usr/bin/env node
// Runs the relay program from its TypeScript sources in this very process (tsx registered as a
// loader), so signals, exit codes and SIGKILL apply to the relay itself, not to a wrapper.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
