import * as vscode from 'vscode';
import { formatUsd } from '../core/format';
import { storePaths } from '../core/store/storeDir';
import { TraceLog } from '../core/store/traceLog';
import { errorMessage, type Log } from './log';
import { knownWorkspaceRoots, type Settings } from './settings';
import { spendSince, startOfDay, type Spend } from './todaySpend';

const RECOUNT_DELAY_MS = 1000;

/**
 * Today's spend on model calls (local day), summed from the trace log of every workspace root known so far, and
 * the per-run budget of the active file's project when one is set, so the guard is visible before a run.
 */
export class SpendStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('promptops.spend', vscode.StatusBarAlignment.Right, 100);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly settings: Settings,
    private readonly log: Log,
  ) {
    this.item.name = 'PromptOps Spend';
    this.item.command = 'promptops.showHistory';
    const watcher = vscode.workspace.createFileSystemWatcher('**/.promptops/traces/*.jsonl');
    const later = () => this.schedule();
    this.disposables.push(
      watcher,
      watcher.onDidChange(later),
      watcher.onDidCreate(later),
      settings.onDidChange(later),
      // The budget shown is the one of the active prompt's project.
      vscode.window.onDidChangeActiveTextEditor(later),
    );
    this.schedule();
  }

  /** Recounts soon; bursts of trace writes (a test run) cause one recount. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update().catch((err) => this.log.warn(`Counting today's spend failed: ${errorMessage(err)}`));
    }, RECOUNT_DELAY_MS);
  }

  private async update(): Promise<void> {
    if (this.settings.editorSetting<boolean>('statusBar.enabled') === false) {
      this.item.hide();
      return;
    }
    const total: Spend = { usd: 0, calls: 0, unknownCost: 0 };
    for (const root of knownWorkspaceRoots()) {
      const spend = await spendSince(new TraceLog(storePaths(root).traces), startOfDay());
      total.usd += spend.usd;
      total.calls += spend.calls;
      total.unknownCost += spend.unknownCost;
    }
    const active = vscode.window.activeTextEditor?.document.uri;
    const budget = active?.scheme === 'file' ? (await this.settings.configFor(active)).maxCostUsd : undefined;
    this.item.text = `$(pulse) ${formatUsd(total.usd)} today${budget === undefined ? '' : ` · budget ${formatUsd(budget)}/run`}`;
    const unknown = total.unknownCost ? ` (+${total.unknownCost} of unknown price)` : '';
    const guard = budget === undefined ? '' : ` A run estimated above ${formatUsd(budget)} asks before it starts.`;
    this.item.tooltip = `PromptOps: ${total.calls} model calls today cost ${formatUsd(total.usd)}${unknown}, from .promptops/traces.${guard} Click for the eval history.`;
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
