// Proof that the harness cannot report green for a broken suite: with PROMPTOPS_HARNESS_SELFTEST=1
// the suite adds a test that fails on purpose, and this run must come back non-zero.
//   node --import tsx test/vscode/harness/selfTest.ts [--tests path/to/suite/index.js]
import { parseArgs } from 'node:util';
import { runSuite } from './suiteRun';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tests: { type: 'string' } } });
  const code = await runSuite({ extensionTestsPath: values.tests, env: { PROMPTOPS_HARNESS_SELFTEST: '1' }, label: 'self-test' });
  if (code === 0) {
    console.error('harness self-test FAILED: a suite with a deliberately failing test was reported as passing.');
    process.exitCode = 1;
  } else {
    console.log(`harness self-test passed: the deliberately failing test made the run exit with ${code}.`);
  }
}

main().catch((error: unknown) => {
  console.error(`harness self-test: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
