#!/usr/bin/env node
// The relay program, compiled (`pnpm build`, or `tsc -b apps/relay-server`): runs in this very
// process, so signals, exit codes and SIGKILL apply to the relay itself, not to a wrapper.
import '../dist/main.js';
