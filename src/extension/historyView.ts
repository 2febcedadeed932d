import * as vscode from 'vscode';
import { diffRuns } from '../core/history/diff';
import { evaluateHistory, type HistoryOptions, type VersionEvaluation } from '../core/history/evaluateHistory';
import { listPromptVersions } from '../core/history/versions';
import { relativePath } from '../core/runPlan';
import { RunStore } from '../core/store/runStore';
import { storePaths } from '../core/store/storeDir';
import { TraceLog } from '../core/store/traceLog';
import { formatUsd } from '../core/format';
import type { TraceRecord } from '../core/types';
import type { HostToView, ViewToHost } from '../shared/historyProtocol';
import { confirmBudget } from './budgetPrompt';
import { registerCommand } from './commands';
import { diffMessage, historyVersion, missingVersions, testRows, traceDetail, traceRow } from './historyMessages';
import { errorMessage, type Log } from './log';
import { chooseProvider } from './providerFactory';
import type { ApiKeys } from './secrets';
import { Settings, workspaceRootFor } from './settings';
import { mayRun } from './trust';
import type { VersionDocuments } from './versionDocuments';
import { webviewHtml } from './webviewHtml';

const TRACE_ROWS = 200;
const DEFAULT_VERSION_LIMIT = 50;

interface Shown {
  promptPath: string;
  root: string;
  evaluations: VersionEvaluation[];
}

/**
 * The eval-history panel for the prompt in the active editor: scores over its commits, the newest run,
 * the diff of two versions and the trace log. Everything it shows is read from the run store and the
 * trace log; "Run history" is the only action that spends money, and it asks the budget first.
 */
export class HistoryView implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'promptops.history';
  private view?: vscode.WebviewView;
  private shown?: Shown;
  private traces = new Map<string, TraceRecord>();
  private generation = 0;
  /** The last message of each type actually posted to the page: what `promptops.internal.historyState` answers. */
  private readonly posted = new Map<HostToView['type'], HostToView>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly settings: Settings,
    private readonly keys: ApiKeys,
    private readonly versions: VersionDocuments,
    private readonly log: Log,
  ) {}

  register(): vscode.Disposable[] {
    return [
      vscode.window.registerWebviewViewProvider(HistoryView.viewId, this),
      vscode.window.onDidChangeActiveTextEditor(() => this.follow()),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.shown && doc.uri.fsPath === this.shown.promptPath) void this.show(this.shown.promptPath);
      }),
      registerCommand('promptops.runHistory', (uri?: vscode.Uri) => this.runHistory(uri?.fsPath ?? this.shown?.promptPath), this.log),
      // Test hooks for the integration suite (hidden from the palette): what the page was sent, and a
      // compare handled exactly as the page's own message, since a test cannot click inside a webview.
      vscode.commands.registerCommand('promptops.internal.historyState', () => ({
        promptPath: this.shown?.promptPath,
        posted: Object.fromEntries(this.posted),
      })),
      vscode.commands.registerCommand('promptops.internal.compareVersions', (before: string, after: string) =>
        this.receive({ type: 'compare', before, after }),
      ),
    ];
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const build = vscode.Uri.joinPath(this.extensionUri, 'media', 'build');
    view.webview.options = { enableScripts: true, localResourceRoots: [build] };
    view.webview.html = webviewHtml({
      title: 'Eval history',
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(build, 'historyPanel.js')).toString(),
      styleUris: [view.webview.asWebviewUri(vscode.Uri.joinPath(build, 'historyPanel.css')).toString()],
    });
    const listening = view.webview.onDidReceiveMessage((message: ViewToHost) => void this.receive(message));
    view.onDidDispose(() => {
      listening.dispose();
      if (this.view === view) this.view = undefined;
    });
  }

  private post(message: HostToView): void {
    if (!this.view) return;
    this.posted.set(message.type, message);
    void this.view.webview.postMessage(message);
  }

  private async receive(message: ViewToHost): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          // A new page (first show, or the view was hidden and resolved again) has nothing yet.
          return this.follow(true);
        case 'compare':
          return await this.compare(message.before, message.after);
        case 'runHistory':
          return await this.runHistory(this.shown?.promptPath);
        case 'filterTraces':
          return await this.listTraces(message.testId);
        case 'openTrace': {
          const trace = this.traces.get(message.traceId);
          if (trace) this.post({ type: 'traceDetail', trace: traceDetail(trace) });
          return;
        }
      }
    } catch (err) {
      this.log.error(`History panel: ${errorMessage(err)}`);
      this.post({ type: 'error', message: errorMessage(err) });
    }
  }

  private follow(refresh = false): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.uri.scheme === 'file' && doc.fileName.endsWith('.prompt')) {
      if (refresh || doc.uri.fsPath !== this.shown?.promptPath) void this.show(doc.uri.fsPath);
    } else if (this.shown) {
      if (refresh) void this.show(this.shown.promptPath);
    } else {
      this.post({ type: 'noPrompt', reason: 'Open a .prompt file to see its scores across commits.' });
    }
  }

  /** What every history call of this prompt shares, plus the note on how far its history reaches. */
  private async baseOptions(promptPath: string): Promise<{ options: HistoryOptions; note?: string }> {
    const uri = vscode.Uri.file(promptPath);
    const root = workspaceRootFor(uri);
    const config = await this.settings.configFor(uri);
    const limit = this.settings.editorSetting<number>('history.limit', uri) ?? DEFAULT_VERSION_LIMIT;
    const list = await listPromptVersions(promptPath, { limit });
    const options: HistoryOptions = {
      promptPath,
      workspaceRoot: root,
      versions: list.versions,
      config,
      traceLog: new TraceLog(storePaths(root).traces),
      runStore: new RunStore(root),
      trusted: vscode.workspace.isTrusted,
      evaluate: 'none',
    };
    return { options, note: list.note };
  }

  /** Reads what is stored for each version and shows it; runs nothing. */
  private async show(promptPath: string): Promise<void> {
    const generation = ++this.generation;
    this.post({ type: 'busy', message: 'Reading history…' });
    try {
      const { options, note } = await this.baseOptions(promptPath);
      const result = await evaluateHistory(options);
      // A newer request (the user switched editors) wins over a slower older one.
      if (generation !== this.generation) return;
      this.shown = { promptPath, root: options.workspaceRoot, evaluations: result.evaluations };
      const newest = result.evaluations.find((e) => e.run);
      this.post({
        type: 'history',
        file: relativePath(options.workspaceRoot, promptPath),
        note,
        versions: result.evaluations.map(historyVersion),
        latest: newest?.run ? testRows(newest.run) : [],
        missing: missingVersions(result),
      });
    } catch (err) {
      this.log.error(`History of ${promptPath}: ${errorMessage(err)}`);
      this.post({ type: 'error', message: `Could not read the history of this prompt: ${errorMessage(err)}` });
    }
  }

  private async compare(beforeCommit: string, afterCommit: string): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    const before = shown.evaluations.find((e) => e.version.commit === beforeCommit);
    const after = shown.evaluations.find((e) => e.version.commit === afterCommit);
    if (!before || !after) {
      this.post({ type: 'error', message: 'Those versions are no longer listed: reopen the prompt to refresh its history.' });
      return;
    }
    await this.versions.showDiff(shown.promptPath, before.version, after.version);
    if (!before.run || !after.run) {
      const missing = [before, after].filter((e) => !e.run).map((e) => e.version.shortSha);
      this.post({ type: 'error', message: `No results for ${missing.join(' and ')} yet: use Run history to evaluate it.` });
      return;
    }
    const config = await this.settings.configFor(vscode.Uri.file(shown.promptPath));
    const diff = diffRuns(before.run, after.run, { pricing: config.pricing });
    this.post({ type: 'diff', ...diffMessage(diff, before.version.shortSha, after.version.shortSha) });
  }

  /** Evaluates the versions that have no stored run, after the estimate and the budget allow it. */
  private async runHistory(promptPath: string | undefined): Promise<void> {
    if (!promptPath) {
      void vscode.window.showInformationMessage('Open a .prompt file first: Run history evaluates its past versions.');
      return;
    }
    if (!mayRun()) return;
    const { options: base } = await this.baseOptions(promptPath);
    const provider = await chooseProvider({ config: base.config, keys: this.keys, log: this.log, promptPaths: [promptPath] });
    if (!provider.ok) {
      void this.log.showError(provider.message);
      return;
    }
    const paths = storePaths(base.workspaceRoot);
    const run = (maxCostUsd: number | undefined) =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'PromptOps: evaluating history', cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          const cancel = token.onCancellationRequested(() => abort.abort());
          try {
            return await evaluateHistory({
              ...base,
              evaluate: 'missing',
              provider: provider.provider,
              traceLog: new TraceLog(paths.traces, { secrets: provider.secrets }),
              cache: this.settings.responseCache(base.workspaceRoot, provider.secrets),
              secrets: provider.secrets,
              maxCostUsd,
              signal: abort.signal,
              onEvent: (event) => {
                if (event.type === 'estimate') progress.report({ message: `${event.versions.length} versions to run, estimated ${formatUsd(event.estimate.totalUsd)}` });
                if (event.type === 'version-start') progress.report({ message: `${event.version.shortSha} (${event.index + 1} of ${event.of})`, increment: 100 / event.of });
              },
            });
          } finally {
            cancel.dispose();
          }
        },
      );
    let result = await run(base.config.maxCostUsd);
    if (result.refused && result.estimate) {
      const limit = await confirmBudget(result.estimate, base.config);
      if (limit !== false) result = await run(limit);
    }
    this.log.info(`History of ${promptPath}: ${result.evaluated} evaluated, ${result.reused} reused.`);
    await this.show(promptPath);
  }

  private async listTraces(testId: string | undefined): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    const promptPath = relativePath(shown.root, shown.promptPath);
    const records = await new TraceLog(storePaths(shown.root).traces).tail(TRACE_ROWS, { promptPath, testId });
    this.traces = new Map(records.map((r) => [r.trace_id, r]));
    const testIds = new Set<string>();
    for (const e of shown.evaluations) for (const r of e.run?.results ?? []) testIds.add(r.id);
    this.post({ type: 'traces', rows: records.map(traceRow), testIds: [...testIds].sort() });
  }

  dispose(): void {
    this.view = undefined;
  }
}
