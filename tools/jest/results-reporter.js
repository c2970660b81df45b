// Writes each jest run's totals to $TIEPDAN_JEST_RESULTS/<package>.json so that .ci/run can add
// up the passed and failed tests of every workspace and both databases.
const fs = require("node:fs");
const path = require("node:path");

class ResultsReporter {
  onRunComplete(_contexts, results) {
    const dir = process.env.TIEPDAN_JEST_RESULTS;
    fs.mkdirSync(dir, { recursive: true });
    const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")).name;
    const file = path.join(dir, `${pkg.replace(/[@/]/g, "_")}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        package: pkg,
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
        suitesFailed: results.numFailedTestSuites,
        runtimeErrorSuites: results.numRuntimeErrorTestSuites,
        // results.success is not settled yet when reporters run: derive it.
        success: results.numFailedTests === 0 && results.numFailedTestSuites === 0 && results.numRuntimeErrorTestSuites === 0 && !results.wasInterrupted,
      }),
    );
  }
}

module.exports = ResultsReporter;
