import * as vscode from 'vscode';
import { formatCostSum, formatUsd } from '../core/format';
import { relativePath } from '../core/runPlan';
import { RunStore } from '../core/store/runStore';
import type { RunRecord, TestResult } from '../core/types';
import { registerCommand } from './commands';
import { errorMessage, type Log } from './log';
import { testData, type TestTree } from './testTree';

/** `uri` lets the context-menu commands (run, history) act on a prompt element. */
export type PromptNode = { kind: 'prompt'; item: vscode.TestItem; uri?: vscode.Uri; run?: RunRecord } | { kind: 'test'; item: vscode.TestItem; results: TestResult[] };

/** The "Prompts" view: each prompt with its tests, and the last run's score and cost of each. */
export class PromptsTree implements vscode.TreeDataProvider<PromptNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly tests: TestTree,
    private readonly log: Log,
  ) {}

  /** The view itself is registered at activation (see shell.ts), which hands its calls to this. */
  register(onDidFinishRun: vscode.Event<void>): vscode.Disposable[] {
    const refresh = () => this.changed.fire();
    return [
      this.changed,
      this.tests.onDidChange(refresh),
      onDidFinishRun(refresh),
      registerCommand('promptops.refreshPrompts', async () => {
        await this.tests.refresh();
        refresh();
      }, this.log),
      registerCommand('promptops.openPrompt', async (uri: vscode.Uri, range?: vscode.Range) => {
        await vscode.window.showTextDocument(uri, { selection: range, preview: true });
      }, this.log),
    ];
  }

  async getChildren(node?: PromptNode): Promise<PromptNode[]> {
    try {
      if (!node) {
        const prompts = await this.tests.resolveAll();
        const nodes = await Promise.all(prompts.map(async (item): Promise<PromptNode> => ({ kind: 'prompt', item, uri: item.uri, run: await lastRun(item) })));
        return nodes.sort((a, b) => (a.item.uri?.fsPath ?? '').localeCompare(b.item.uri?.fsPath ?? ''));
      }
      if (node.kind === 'test') return [];
      const out: PromptNode[] = [];
      node.item.children.forEach((child) => out.push({ kind: 'test', item: child, results: node.run?.results.filter((r) => r.id === child.id) ?? [] }));
      return out;
    } catch (err) {
      this.log.error(`Listing prompts failed: ${errorMessage(err)}`);
      return [];
    }
  }

  getTreeItem(node: PromptNode): vscode.TreeItem {
    const { item } = node;
    if (node.kind === 'prompt') {
      const tree = new vscode.TreeItem(item.label, item.children.size ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      tree.id = item.id;
      tree.resourceUri = item.uri;
      tree.contextValue = 'prompt';
      tree.description = [item.description, node.run ? runSummary(node.run) : item.children.size ? 'not run yet' : undefined].filter(Boolean).join(' · ');
      tree.tooltip = node.run ? `Last run ${node.run.runId} (${node.run.status}) on ${node.run.model}` : undefined;
      tree.command = item.uri && { title: 'Open', command: 'promptops.openPrompt', arguments: [item.uri] };
      return tree;
    }
    const tree = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.None);
    tree.id = `${item.parent?.id ?? ''}#${item.id}`;
    tree.contextValue = 'test';
    tree.description = node.results.length ? testSummary(node.results) : item.description;
    tree.tooltip = item.description;
    tree.iconPath = new vscode.ThemeIcon(
      !node.results.length ? 'circle-outline' : node.results.every((r) => r.pass) ? 'pass' : node.results.some((r) => r.error) ? 'warning' : 'error',
    );
    tree.command = item.uri && { title: 'Open', command: 'promptops.openPrompt', arguments: [item.uri, item.range] };
    return tree;
  }
}

async function lastRun(item: vscode.TestItem): Promise<RunRecord | undefined> {
  const data = testData.get(item);
  if (data?.kind !== 'prompt') return undefined;
  const [run] = await new RunStore(data.root).list({ promptPath: relativePath(data.root, data.promptPath), limit: 1 });
  return run;
}

function runSummary(run: RunRecord): string {
  return `${run.totals.passed}/${run.totals.tests} passed · ${formatCostSum(run.totals.costUsd + run.totals.judgeCostUsd, run.totals.costIncomplete)}`;
}

function testSummary(results: TestResult[]): string {
  const mean = results.reduce((s, r) => s + r.score, 0) / results.length;
  const cost = results.some((r) => r.costUsd === null) ? null : results.reduce((s, r) => s + (r.costUsd ?? 0) + r.judgeCostUsd, 0);
  const mark = results.every((r) => r.pass) ? '✓' : '✗';
  return `${mean.toFixed(2)} ${mark} · ${formatUsd(cost)}`;
}

