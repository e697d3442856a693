// Reads Vitest's JSON report, prints the closing line CI looks for and fails when the suite
// ran no test at all (Vitest 4 exits 0 when its config collects nothing).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`count-tests: no readable Vitest report at ${file}: ${error.message}`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed + failed === 0) {
  console.error('count-tests: the suite collected no tests');
  process.exit(1);
}
if (skipped > 0 && process.env.CI) {
  console.error('count-tests: tests were skipped under CI');
  process.exit(1);
}
process.exit(failed > 0 ? 1 : 0);
