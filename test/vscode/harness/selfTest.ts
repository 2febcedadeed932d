// Proof that the harness cannot report green for a broken suite: with PROMPTOPS_HARNESS_SELFTEST=1
// the suite adds a test that fails on purpose; the run must come back non-zero, and mocha must have
// reported that failure (a harness that merely crashed would be non-zero too, and prove nothing).
//   node --import tsx test/vscode/harness/selfTest.ts [--tests path/to/suite/index.js]
import { parseArgs } from 'node:util';
import { runSuite } from './suiteRun';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tests: { type: 'string' } } });
  const result = await runSuite({ extensionTestsPath: values.tests, env: { PROMPTOPS_HARNESS_SELFTEST: '1' }, label: 'self-test' });
  if (result.code !== 0 && result.failing) {
    console.log(`harness self-test passed: ${result.failing} deliberate failure(s) made the run exit with ${result.code}.`);
    return;
  }
  console.error(
    result.code === 0
      ? 'harness self-test FAILED: a suite with a deliberately failing test was reported as passing.'
      : 'harness self-test FAILED: the run exited non-zero but mocha reported no failing test, so the harness itself broke.',
  );
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`harness self-test: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
