// Sums the vitest JSON reports of every package, and scale/'s Python tests (their runner writes the
// same fields), into the one line CI reads: `N passed, N failed`. A report that is missing (its run
// crashed before reporting) counts as one failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const reports = readdirSync('packages')
  .filter((pkg) => existsSync(`packages/${pkg}/package.json`))
  .map((pkg) => [pkg, `packages/${pkg}/test-results/vitest.json`]);
reports.push(['scale', 'scale/test-results/unittest.json']);
for (const [pkg, report] of reports) {
  if (!existsSync(report)) {
    console.error(`${pkg}: no test report (the test run crashed before reporting)`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (!r.success && r.numFailedTests === 0) failed += 1; // e.g. a suite that failed to load
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
