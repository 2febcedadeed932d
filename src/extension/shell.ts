// What exists from activation on, without loading the core: every contributed command, the Testing view's
// controller and the Prompts view, each standing in for the real feature and loading it (dist/features.js)
// on first use. Features also load as soon as a prompt or tests file is open, else once the window has
// settled (the history view's provider and the status bar come with them).
import * as vscode from 'vscode';
import type { Features } from './features';
import { isPromptDocument, isTestsDocument } from './languages';
import { errorMessage, type Log } from './log';
import type { PromptNode } from './promptsTree';

// Today's spend in the status bar needs the features too; it can wait until the window has settled.
const IDLE_LOAD_MS = 3000;

export class Shell implements vscode.Disposable {
  readonly testController = vscode.tests.createTestController('promptops', 'PromptOps');
  /** Fired by the loaded Prompts tree; the view registered here relays it. */
  readonly promptsChanged = new vscode.EventEmitter<void>();
  private standIns: vscode.Disposable[] = [];
  private features: Promise<Features> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.testController, this.promptsChanged];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    const commands = (context.extension.packageJSON.contributes?.commands ?? []) as { command: string }[];
    for (const { command } of commands) {
      // Once loaded, the real command is registered under the same id, so this call reaches it. A failed load
      // was already shown by `load`.
      this.standIns.push(vscode.commands.registerCommand(command, async (...args: unknown[]) => {
        const loaded = await this.load().then(() => true, () => false);
        return loaded ? vscode.commands.executeCommand(command, ...args) : undefined;
      }));
    }
    this.testController.resolveHandler = async (item) => (await this.load()).testing.tree.resolve(item);
    this.testController.refreshHandler = async () => (await this.load()).testing.tree.refresh();
    const prompts: vscode.TreeDataProvider<PromptNode> = {
      onDidChangeTreeData: this.promptsChanged.event,
      getChildren: async (node) => (await this.load()).prompts.getChildren(node),
      getTreeItem: async (node) => (await this.load()).prompts.getTreeItem(node),
    };
    const loadFor = (d: vscode.TextDocument) => {
      if (isPromptDocument(d) || isTestsDocument(d)) void this.load();
    };
    this.disposables.push(vscode.window.registerTreeDataProvider('promptops.prompts', prompts), vscode.workspace.onDidOpenTextDocument(loadFor));
    if (vscode.workspace.textDocuments.some((d) => isPromptDocument(d) || isTestsDocument(d))) setImmediate(() => void this.load());
    else this.idleTimer = setTimeout(() => void this.load(), IDLE_LOAD_MS);
  }

  /** Loads the features once (the first caller pays, the others wait for the same promise). */
  load(): Promise<Features> {
    if (!this.features) {
      this.features = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        clearTimeout(this.idleTimer);
        const started = performance.now();
        const { createFeatures } = require('./features.js') as typeof import('./features');
        const features = createFeatures(this.context, this.log, this);
        this.log.info(`Features loaded in ${Math.round(performance.now() - started)} ms.`);
        return features;
      });
      this.features.catch((err: unknown) => void this.log.showError(`PromptOps failed to load: ${errorMessage(err)}`));
    }
    return this.features;
  }

  /** Called by the features right before they register the real commands and views. */
  handOver(): void {
    for (const d of this.standIns) d.dispose();
    this.standIns = [];
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    for (const d of [...this.standIns, ...this.disposables]) d.dispose();
  }
}
