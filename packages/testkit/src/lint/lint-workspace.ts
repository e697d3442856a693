import { checkImportCycles } from './import-cycles.js';
import {
  checkEmptyCatch,
  checkExplicitExports,
  checkPackageBoundaries,
  checkRelayCorePurity,
  type Finding,
} from './rules.js';
import { readSourceFiles } from './source-files.js';

/** Runs every workspace rule over the sources under `root`. */
export function lintWorkspace(root: string): Finding[] {
  const files = readSourceFiles(root);
  return [
    ...checkImportCycles(files),
    ...checkRelayCorePurity(files),
    ...checkPackageBoundaries(files),
    ...checkExplicitExports(files),
    ...checkEmptyCatch(files),
  ];
}
