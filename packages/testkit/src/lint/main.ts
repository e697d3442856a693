// `pnpm lint`: the workspace's structural rules (import cycles, relay core purity, package
// boundaries, explicit exports, no empty catch). Exits 1 when any rule is broken.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintWorkspace } from './lint-workspace.js';

const root = resolve(fileURLToPath(import.meta.url), '../../../../..');
const findings = lintWorkspace(root);
for (const finding of findings) console.log(`${finding.path}: [${finding.rule}] ${finding.message}`);
console.log(findings.length === 0 ? 'lint: all rules hold' : `lint: ${findings.length} problem(s)`);
process.exitCode = findings.length === 0 ? 0 : 1;
