// Ends every jest run with one plain line, "jest: N passed, N failed, N skipped", that CI reads.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
		const failed = numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
		process.stdout.write(
			`\njest: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`,
		);
	}
}
module.exports = SummaryReporter;
