'use strict';
/**
 * Ends a jest run with one plain line, `tests: N passed, N failed`, the closing line that CI
 * tooling reads from any runner.
 */
class SummaryLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
module.exports = SummaryLineReporter;
