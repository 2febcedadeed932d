import * as path from 'node:path';
import * as vscode from 'vscode';
import { hasErrors } from '../core/problems';
import { promptPathFor, testsPathFor } from '../core/testsFile';
import type { Problem, TestCase } from '../core/types';
import { findPromptFiles, loadPromptWithTests } from '../core/workspace';
import { errorMessage, type Log } from './log';
import { toVsRange } from './promptDocuments';
import { workspaceRootFor } from './settings';

export type TestData = { kind: 'prompt'; promptPath: string; root: string } | { kind: 'case'; promptPath: string; root: string; test: TestCase };

/** What each TestItem stands for; items are VS Code's, so their data lives beside them. */
export const testData = new WeakMap<vscode.TestItem, TestData>();

/**
 * The Testing view's tree: prompt files as parents, their test ids as children located on their `id:` lines.
 * Nothing is scanned until VS Code asks (`resolve`); then file watchers keep it current.
 */
export class TestTree implements vscode.Disposable {
  private discovery: Promise<void> | undefined;
  private readonly watchers: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Prompts or tests were added, removed or changed on disk. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly controller: vscode.TestController,
    private readonly log: Log,
  ) {}

  /** The controller's resolveHandler: the whole workspace for `undefined`, else one prompt's tests. */
  async resolve(item: vscode.TestItem | undefined): Promise<void> {
    if (!item) return this.discover();
    const data = testData.get(item);
    if (data?.kind === 'prompt') await this.loadTests(item, data);
  }

  /** Every prompt of the workspace with its tests loaded. */
  async resolveAll(): Promise<vscode.TestItem[]> {
    await this.discover();
    const prompts: vscode.TestItem[] = [];
    this.controller.items.forEach((item) => prompts.push(item));
    await Promise.all(prompts.map((item) => this.resolve(item)));
    return prompts;
  }

  /** The prompt item of a file, discovering the workspace first. */
  async promptItem(uri: vscode.Uri): Promise<vscode.TestItem | undefined> {
    await this.discover();
    return this.controller.items.get(uri.toString()) ?? this.addPrompt(uri.fsPath);
  }

  /** The refresh button: forget everything and scan again. */
  async refresh(): Promise<void> {
    this.controller.items.replace([]);
    this.discovery = undefined;
    await this.resolveAll();
  }

  private discover(): Promise<void> {
    this.discovery ??= (async () => {
      this.watch();
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        for (const file of await findPromptFiles(folder.uri.fsPath)) this.addPrompt(file);
      }
      this.changed.fire();
    })().catch((err) => this.log.error(`Finding prompt files failed: ${errorMessage(err)}`));
    return this.discovery;
  }

  private watch(): void {
    if (this.watchers.length) return;
    const prompts = vscode.workspace.createFileSystemWatcher('**/*.prompt');
    const tests = vscode.workspace.createFileSystemWatcher('**/*.tests.yaml');
    const reload = (promptFile: string) => {
      const item = this.controller.items.get(vscode.Uri.file(promptFile).toString());
      const data = item && testData.get(item);
      if (item && data?.kind === 'prompt') void this.loadTests(item, data);
      this.changed.fire();
    };
    this.watchers.push(
      prompts,
      tests,
      prompts.onDidCreate((uri) => {
        if (!ignored(uri)) this.addPrompt(uri.fsPath);
        this.changed.fire();
      }),
      prompts.onDidChange((uri) => reload(uri.fsPath)),
      prompts.onDidDelete((uri) => {
        this.controller.items.delete(uri.toString());
        this.changed.fire();
      }),
      tests.onDidCreate((uri) => reload(promptPathFor(uri.fsPath))),
      tests.onDidChange((uri) => reload(promptPathFor(uri.fsPath))),
      tests.onDidDelete((uri) => reload(promptPathFor(uri.fsPath))),
    );
  }

  private addPrompt(file: string): vscode.TestItem {
    const uri = vscode.Uri.file(file);
    const existing = this.controller.items.get(uri.toString());
    if (existing) return existing;
    const item = this.controller.createTestItem(uri.toString(), path.basename(file), uri);
    item.description = path.dirname(vscode.workspace.asRelativePath(uri, false)).replace(/^\.$/, '');
    item.canResolveChildren = true;
    testData.set(item, { kind: 'prompt', promptPath: file, root: workspaceRootFor(uri) });
    this.controller.items.add(item);
    return item;
  }

  private async loadTests(item: vscode.TestItem, data: Extract<TestData, { kind: 'prompt' }>): Promise<void> {
    item.busy = true;
    try {
      const { prompt, suite } = await loadPromptWithTests(data.promptPath, data.root);
      const problems = [...prompt.problems, ...(suite?.problems ?? [])].filter((p) => p.severity === 'error');
      item.error = problems.length ? problemsMarkdown(problems) : undefined;
      const folder = path.dirname(vscode.workspace.asRelativePath(data.promptPath, false)).replace(/^\.$/, '');
      item.description = suite ? folder : [folder, `no ${path.basename(testsPathFor(data.promptPath))}`].filter(Boolean).join(' · ');
      item.canResolveChildren = false;
      const children = (suite?.tests ?? []).map((test) => {
        const source = test.source && path.isAbsolute(test.source) ? test.source : suite?.path ?? data.promptPath;
        const child = this.controller.createTestItem(test.id, test.id, vscode.Uri.file(source));
        child.range = toVsRange(test.range);
        child.description = test.description;
        testData.set(child, { kind: 'case', promptPath: data.promptPath, root: data.root, test });
        return child;
      });
      item.children.replace(children);
      if (hasErrors(prompt.problems)) this.log.warn(`${data.promptPath} has errors; its tests will not run until they are fixed.`);
    } catch (err) {
      item.error = `Could not load the tests: ${errorMessage(err)}`;
    } finally {
      item.busy = false;
    }
  }

  dispose(): void {
    for (const d of this.watchers) d.dispose();
    this.changed.dispose();
  }
}

function ignored(uri: vscode.Uri): boolean {
  return /[\\/](node_modules|\.promptops|\.git)[\\/]/.test(uri.fsPath);
}

function problemsMarkdown(problems: Problem[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  for (const p of problems.slice(0, 5)) md.appendText(`${path.basename(p.file)}:${p.range.start.line}: ${p.message}\n`);
  return md;
}
