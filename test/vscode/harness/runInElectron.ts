// The same integration suite in desktop VS Code through @vscode/test-electron, for machines where
// VS Code exists or can be downloaded (contributors' laptops, public CI). This project's own CI
// cannot download VS Code, so it uses runInCodeServer.ts instead; both run dist-test/vscode/suite.
//   npm run build && node --import tsx test/vscode/harness/runInElectron.ts
// VSCODE_EXECUTABLE_PATH=/path/to/code uses an installed VS Code; otherwise test-electron downloads
// VS Code (VSCODE_VERSION, default `stable`) into .vscode-test/. On Linux without a display, wrap
// the command in `xvfb-run -a`. PROMPTOPS_HARNESS_SELFTEST=1 adds the deliberately failing test.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startFakeServerProcess } from './fakeServerProcess';
import { defaultSuitePath } from './suiteRun';
import { repoRoot } from './tools';
import { copyExampleWorkspace } from './workspaceCopy';

async function main(): Promise<void> {
  const fake = await startFakeServerProcess();
  const workspace = await copyExampleWorkspace();
  const userData = await fs.mkdtemp(path.join(os.tmpdir(), 'promptops-vscode-user-'));
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH,
      version: process.env.VSCODE_VERSION,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: defaultSuitePath,
      extensionTestsEnv: {
        ANTHROPIC_BASE_URL: fake.url,
        // A contributor's real key must not reach the tests (the suite sets its own through the command).
        ANTHROPIC_API_KEY: '',
      },
      launchArgs: [workspace.dir, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData],
    });
  } finally {
    await fake.stop();
    await workspace.remove();
    await fs.rm(userData, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().catch((error: unknown) => {
  // runTests rejects when the suite fails or VS Code cannot be started or downloaded.
  console.error(`runInElectron: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
