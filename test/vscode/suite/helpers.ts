import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import * as vscode from 'vscode';
import { startFakeAnthropic, type FakeAnthropic } from '../../support/fakeAnthropic';

export const EXTENSION_ID = 'promptops.promptops';

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code.`);
  await extension.activate();
  return extension;
}

/** The folder the harness opened (a throwaway copy of prompts-example). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The suite needs a workspace folder (prompts-example) to be open.');
  return folder.uri.fsPath;
}

export function examplePrompt(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), name));
}

/** The test ids a tests file declares, read straight from its YAML (not through the extension). */
export async function declaredTestIds(testsFile: string): Promise<string[]> {
  const doc = parse(await fs.readFile(testsFile, 'utf8')) as { tests?: { id?: unknown }[] } | null;
  return (doc?.tests ?? []).map((t) => String(t.id));
}

/** Polls until `check` answers a value (not undefined), or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A fresh key for this suite: set through the command before, cleared after. */
export function useTestApiKey(): { readonly value: string } {
  const key = { value: '' };
  before(async () => {
    await activateExtension();
    key.value = `sk-ant-test-${randomUUID()}`;
    await vscode.commands.executeCommand('promptops.setApiKey', key.value);
  });
  after(async () => {
    await vscode.commands.executeCommand('promptops.clearApiKey');
  });
  return key;
}

/** A folder inside the workspace for files a test writes, removed afterwards. */
export function useScratchFolder(): { readonly dir: string } {
  const scratch = { dir: '' };
  before(async () => {
    scratch.dir = await fs.mkdtemp(path.join(workspaceRoot(), 'suite-scratch-'));
  });
  after(async () => {
    await fs.rm(scratch.dir, { recursive: true, force: true });
  });
  return scratch;
}

/** Every file under `dir`, recursively. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * A fake Anthropic API of the suite's own, which the extension calls for the duration of the `describe`: the
 * extension host is this process, so it reads the base URL set here. Script its answers, read its requests.
 */
export function useOwnFakeApi(): { readonly api: FakeAnthropic } {
  const own = {} as { api: FakeAnthropic };
  const baseUrl = process.env.ANTHROPIC_BASE_URL;
  before(async () => {
    own.api = await startFakeAnthropic();
    process.env.ANTHROPIC_BASE_URL = own.api.url;
  });
  after(async () => {
    process.env.ANTHROPIC_BASE_URL = baseUrl;
    await own.api.close();
  });
  return own;
}
