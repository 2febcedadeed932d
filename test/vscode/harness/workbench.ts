// Driving the real workbench the way a person does: palette, quick open, clicks. Selectors are the
// workbench's own classes (see shared/VSCODE-TESTS.md).
import type { Locator, Page } from 'playwright-core';

export const selectors = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  /** One line of CodeLenses; lenses without a command render as spans, the others as links. */
  codeLens: '.contentWidgets .codelens-decoration',
  codeLensLink: '.contentWidgets .codelens-decoration a',
  activeEditorTab: '.tabs-container .tab.active',
  /** A modal from `showWarningMessage(…, { modal: true })`, and its buttons. */
  dialog: '.monaco-dialog-box',
  /** Inside `dialog`. */
  dialogButton: '.dialog-buttons .monaco-button',
};

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator(selectors.workbench).waitFor({ timeout: 60_000 });
  // The explorer fills in once the remote file system answers; by then the workbench takes input.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** Runs a command by its palette title, e.g. `Developer: Show Running Extensions`. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator(selectors.quickInput);
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator(selectors.quickInputRow, { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through quick open (the palette without its `>`). */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator(selectors.quickInput);
  await input.waitFor();
  await input.fill(relativePath);
  const fileName = relativePath.split('/').pop() ?? relativePath;
  await page.locator(selectors.quickInputRow, { hasText: fileName }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(selectors.activeEditorTab, { hasText: fileName }).waitFor();
}

/** Waits until `locator` matches, or fails with `what` in the message (the UI check's expectations). */
export async function expectVisible(locator: Locator, what: string, timeout = 60_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`expected ${what} within ${timeout / 1000} s, but it never appeared`);
  }
}
