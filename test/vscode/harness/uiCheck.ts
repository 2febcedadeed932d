// End-to-end through the real workbench with the packaged extension installed from promptops.vsix:
// open a prompt of prompts-example, see the CodeLens with tokens and cost, click "Run tests", see
// the results in the Testing view; then, with a budget set below the estimate, "Run tests" on another prompt
// asks in a modal, and declining runs nothing. Screenshots go to test-artifacts/ui-check/ (not committed);
// exits non-zero when an expected element never appears.
//   npm run test:ui   (setup, `npm run package`, then this script)
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startSession, type Session } from './session';
import { artifactsDir } from './suiteRun';
import { repoRoot } from './tools';
import { expectVisible, openFile, runCommand, selectors, waitForWorkbench } from './workbench';
import { workbenchUrl } from './workbenchUrl';

const vsix = path.join(repoRoot, 'promptops.vsix');
const shotsDir = path.join(artifactsDir, 'ui-check');

async function main(): Promise<void> {
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first.`);
  await fs.rm(shotsDir, { recursive: true, force: true });
  await fs.mkdir(shotsDir, { recursive: true });
  // A key, so runs go through the real SDK to the fake server rather than the recorded answers.
  const session = await startSession({ installVsix: vsix, env: { ANTHROPIC_API_KEY: 'sk-ant-ui-check-not-a-real-key' } });
  try {
    await check(session);
    console.log(`ui check passed; screenshots in ${path.relative(repoRoot, shotsDir)}/`);
  } catch (error) {
    await shoot(session.page, '99-failure');
    throw error;
  } finally {
    await session.stop();
  }
}

async function check({ page, workspace, server }: Session): Promise<void> {
  const prompt = await promptWithTests(workspace.dir);
  await page.goto(workbenchUrl(server.url, workspace.dir));
  await waitForWorkbench(page);
  await shoot(page, '01-workbench');

  await openFile(page, prompt);
  const costLens = page.locator(selectors.codeLens, { hasText: /tokens · .*(\$[\d.,]+\/call|cost unknown)/ });
  await expectVisible(costLens, `a CodeLens with tokens and cost on ${prompt}`);
  console.log(`CodeLens: ${oneLine(await costLens.first().innerText())}`);
  await shoot(page, '02-prompt-codelens');

  const runTests = page.locator(selectors.codeLensLink, { hasText: /^Run tests/ });
  await expectVisible(runTests, 'the "Run tests" CodeLens');
  await runTests.first().click();
  await runCommand(page, 'Testing: Focus on Test Explorer View');
  const results = page.locator('.test-explorer .monaco-list-row').filter({
    has: page.locator('.codicon-testing-passed-icon, .codicon-testing-failed-icon, .codicon-testing-error-icon'),
  });
  await expectVisible(results, 'test results (passed or failed icons) in the Testing view', 120_000);
  // Expand the prompt that ran, so the screenshot shows each test case with its outcome.
  await results.first().click();
  await page.keyboard.press('ArrowRight');
  const rows = page.locator('.test-explorer .monaco-list-row');
  await expectVisible(rows.nth(3), 'the test cases under the prompt that ran');
  console.log(`Testing view:\n  ${(await rows.allInnerTexts()).map(oneLine).join('\n  ')}`);
  await shoot(page, '03-testing-results');

  // Clicking a failed test case opens its tests file on the test's line, with the message as a peek.
  const failedCase = page.locator('.test-explorer .monaco-list-row[aria-level="2"]').filter({ has: page.locator('.codicon-testing-failed-icon') });
  if (await failedCase.count()) {
    await failedCase.first().click();
    const peekTitle = page.locator('.peekview-widget .peekview-title');
    await expectVisible(peekTitle, 'the failed test\'s message in a peek on its line');
    console.log(`Failure peek: ${oneLine(await peekTitle.first().innerText())}`);
    await shoot(page, '04-failure-message');
  }

  await checkBudgetModal(page, workspace.dir, prompt);
}

/**
 * A workspace budget far below the estimate: "Run tests" on a prompt not yet run (so nothing is answered from
 * the cache) shows the estimate in a modal; "Cancel" runs nothing, and the Testing view marks the tests skipped.
 */
async function checkBudgetModal(page: Page, workspaceDir: string, alreadyRun: string): Promise<void> {
  const prompt = await promptWithTests(workspaceDir, alreadyRun);
  await fs.mkdir(path.join(workspaceDir, '.vscode'), { recursive: true });
  await fs.writeFile(path.join(workspaceDir, '.vscode', 'settings.json'), JSON.stringify({ 'promptops.budget.perRunUsd': 0.000001 }));
  await openFile(page, prompt);
  // The settings file is picked up asynchronously; the status bar shows the budget once the extension has it.
  await expectVisible(page.locator('.statusbar-item', { hasText: 'budget $0.000001/run' }), 'the budget in the status bar');
  const runTests = page.locator(selectors.codeLensLink, { hasText: /^Run tests/ });
  await expectVisible(runTests, `the "Run tests" CodeLens on ${prompt}`);
  await runTests.first().click();
  const dialog = page.locator(selectors.dialog, { hasText: 'exceeds the budget' });
  await expectVisible(dialog, 'a modal with the estimate over the budget');
  console.log(`Budget modal: ${oneLine(await dialog.first().innerText())}`);
  await shoot(page, '05-budget-modal');
  await dialog.locator(selectors.dialogButton, { hasText: 'Cancel' }).first().click();
  await runCommand(page, 'Testing: Focus on Test Explorer View');
  const skipped = page.locator('.test-explorer .monaco-list-row').filter({ has: page.locator('.codicon-testing-skipped-icon') });
  await expectVisible(skipped, `the tests of ${prompt} marked skipped after declining`);
  await skipped.first().click();
  await page.keyboard.press('ArrowRight');
  const skippedCases = page.locator('.test-explorer .monaco-list-row[aria-level="2"]').filter({ has: page.locator('.codicon-testing-skipped-icon') });
  await expectVisible(skippedCases, `the test cases of ${prompt}, each skipped`);
  console.log(`Declined: ${await skippedCases.count()} test cases of ${prompt} skipped`);
  await shoot(page, '06-budget-declined');
}

/** The first prompt of the example workspace that has a tests file (other than `except`), relative to the workspace. */
async function promptWithTests(workspaceDir: string, except?: string): Promise<string> {
  const entries = await fs.readdir(workspaceDir, { recursive: true });
  const prompt = entries
    .filter((entry) => entry.endsWith('.prompt') && !entry.includes('node_modules'))
    .sort()
    .find((entry) => entry !== except && existsSync(path.join(workspaceDir, entry.replace(/\.prompt$/, '.tests.yaml'))));
  if (!prompt) throw new Error(`prompts-example has no *.prompt with a sibling *.tests.yaml`);
  return prompt;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) }).catch(() => undefined);
}

main().catch((error: unknown) => {
  console.error(`ui check FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
