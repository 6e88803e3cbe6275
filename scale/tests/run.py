"""Runs scale/'s tests (every test_*.py here) and writes scale/test-results/unittest.json with
vitest's summary fields (numPassedTests, numFailedTests, numPendingTests, success), which
scripts/test-summary.mjs adds into `npm test`'s closing `N passed, N failed` line. A test with
failing subtests counts once as failed; a skipped test counts as failed (nothing is skipped here).
Exit code 0 only when every test passed.
"""

import json
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT = os.path.join(os.path.dirname(HERE), "test-results", "unittest.json")


def main() -> int:
    sys.path.insert(0, HERE)
    started = time.time()
    suite = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    case = lambda t: id(getattr(t, "test_case", t))  # a failing subtest counts as its test  # noqa: E731
    failed = {case(t) for t, _ in result.failures + result.errors + result.skipped}
    failed |= {case(t) for t in result.unexpectedSuccesses}
    n_failed = len(failed) + (0 if result.testsRun else 1)  # no test at all is a failure too
    report = {
        "numPassedTests": result.testsRun - len(failed),
        "numFailedTests": n_failed,
        "numPendingTests": 0,
        "success": n_failed == 0,
        "seconds": round(time.time() - started, 1),
    }
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, "w", encoding="utf-8") as f:
        json.dump(report, f)
    print(f"scale: {report['numPassedTests']} passed, {report['numFailedTests']} failed in {report['seconds']} s")
    return 0 if report["success"] else 1


if __name__ == "__main__":
    sys.exit(main())
