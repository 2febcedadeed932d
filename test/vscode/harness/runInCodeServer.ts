// Runs the extension's integration suite in a real VS Code (code-server) and exits with its code.
//   node --import tsx test/vscode/harness/runInCodeServer.ts [--tests path/to/suite/index.js] [--untrusted]
// --untrusted runs the untrusted-workspace file alone, in a window whose folder was never trusted.
// Needs `bash scripts/setup-vscode-tests.sh` and `npm run build` first (`npm run test:vscode` does both).
import { parseArgs } from 'node:util';
import { runSuite } from './suiteRun';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tests: { type: 'string' }, untrusted: { type: 'boolean' } } });
  const result = await runSuite(
    values.untrusted
      ? { extensionTestsPath: values.tests, workspaceTrust: true, env: { PROMPTOPS_SUITE: 'untrusted' }, label: 'untrusted' }
      : { extensionTestsPath: values.tests },
  );
  if (result.code === 0 && !result.passing) {
    // An empty suite, or a workbench whose extension host console no longer reaches the relay.
    console.error('harness: the workbench reported success but no mocha summary with a passing test reached the harness.');
    process.exitCode = 1;
  } else {
    process.exitCode = result.code;
  }
}

main().catch((error: unknown) => {
  console.error(`harness: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
