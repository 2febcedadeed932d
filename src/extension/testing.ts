import * as vscode from 'vscode';
import { describeEstimate } from '../core/costEstimate';
import { formatCostSum } from '../core/format';
import { estimatePlan } from '../core/planEstimate';
import { hasErrors } from '../core/problems';
import { runEval } from '../core/runner';
import { buildPlan, relativePath, type Plan } from '../core/runPlan';
import { RunStore } from '../core/store/runStore';
import { storePaths } from '../core/store/storeDir';
import { TraceLog } from '../core/store/traceLog';
import type { ProjectConfig, TestResult } from '../core/types';
import { confirmBudget } from './budgetPrompt';
import { uriArgument } from './commandArgs';
import { registerCommand } from './commands';
import { errorMessage, type Log } from './log';
import { chooseProvider } from './providerFactory';
import type { ApiKeys } from './secrets';
import type { Settings } from './settings';
import { testData, TestTree } from './testTree';
import { failureMessages, formatResultLine, summarize, type TestOutcome } from './testResults';
import { UNTRUSTED_REASON } from './trust';

const REPEATS_KEY = 'promptops.testRepeats';
const DEFAULT_REPEATS = 5;

/** What a run needs per workspace root: the prompts with the tests asked for (undefined = all of them). */
type Selection = Map<string, Map<string, Set<string> | undefined>>;

/**
 * The Testing view: one TestController over the tree of prompts and test ids, two run profiles (Run, and Run
 * with repeats), runs through the core runner with the run's cancellation token as an AbortSignal.
 */
export class PromptTesting implements vscode.Disposable {
  readonly tree: TestTree;
  private readonly finished = new vscode.EventEmitter<void>();
  /** A test run ended (records and traces were written). */
  readonly onDidFinishRun = this.finished.event;
  private readonly runProfile: vscode.TestRunProfile;
  private readonly disposables: vscode.Disposable[];

  /** `controller` is created at activation (so the Testing view knows it); this takes over its handlers. */
  constructor(
    private readonly controller: vscode.TestController,
    private readonly settings: Settings,
    private readonly keys: ApiKeys,
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {
    this.tree = new TestTree(this.controller, log);
    this.controller.resolveHandler = (item) => this.tree.resolve(item);
    this.controller.refreshHandler = () => this.tree.refresh();
    this.runProfile = this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, async (request, token) => void (await this.run(request, token, 1)), true);
    const repeatProfile = this.controller.createRunProfile('Run with repeats', vscode.TestRunProfileKind.Run, async (request, token) => void (await this.run(request, token, this.repeats())), false);
    repeatProfile.configureHandler = () => void this.configureRepeats();
    this.disposables = [this.tree, this.finished, this.runProfile, repeatProfile];
  }

  register(): vscode.Disposable[] {
    return [
      registerCommand('promptops.runTests', async (arg?: unknown) => {
        const target = uriArgument(arg) ?? vscode.window.activeTextEditor?.document.uri;
        const item = target && (await this.tree.promptItem(target));
        if (!item) return void vscode.window.showInformationMessage('Open a .prompt file (or pick one in the Testing view) to run its tests.');
        const cts = new vscode.CancellationTokenSource();
        try {
          return await this.run(new vscode.TestRunRequest([item], undefined, this.runProfile), cts.token, 1);
        } finally {
          cts.dispose();
        }
      }, this.log),
      // For the integration suite and scripts: what the Testing view shows, and a run's outcome per test.
      registerCommand('promptops.internal.listTests', async () => {
        const prompts = await this.tree.resolveAll();
        return prompts.map((p) => ({ prompt: p.uri?.fsPath, tests: children(p).map((c) => ({ id: c.id, file: c.uri?.fsPath, line: c.range?.start.line })) }));
      }, this.log),
      registerCommand('promptops.internal.runTests', async (uris?: string[], repeat?: number) => {
        const found = uris ? await Promise.all(uris.map((u) => this.tree.promptItem(vscode.Uri.parse(u)))) : await this.tree.resolveAll();
        const include = found.filter((item): item is vscode.TestItem => item !== undefined);
        const cts = new vscode.CancellationTokenSource();
        try {
          return await this.run(new vscode.TestRunRequest(include, undefined, this.runProfile), cts.token, repeat ?? 1);
        } finally {
          cts.dispose();
        }
      }, this.log),
    ];
  }

  private repeats(): number {
    return this.state.get<number>(REPEATS_KEY, DEFAULT_REPEATS);
  }

  private async configureRepeats(): Promise<void> {
    const value = await vscode.window.showInputBox({
      title: 'PromptOps: repeats per test',
      prompt: 'Each test runs this many times; the result shows the mean score and how many runs passed.',
      value: String(this.repeats()),
      validateInput: (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100 ? undefined : 'A whole number from 1 to 100.'),
    });
    if (value) await this.state.update(REPEATS_KEY, Number(value));
  }

  /** The run handler of both profiles; also answers each test's outcome (for scripted runs). */
  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, repeat: number): Promise<TestOutcome[]> {
    const selection = await this.select(request);
    const run = this.controller.createTestRun(request);
    // A run started by a command rather than a profile is cancelled from the Test Results view through run.token.
    const cancel = new vscode.CancellationTokenSource();
    const links = [token.onCancellationRequested(() => cancel.cancel()), run.token.onCancellationRequested(() => cancel.cancel())];
    const outcomes: TestOutcome[] = [];
    try {
      for (const [root, prompts] of selection) {
        if (cancel.token.isCancellationRequested) break;
        outcomes.push(...(await this.runRoot(run, root, prompts, repeat, cancel.token)));
      }
    } catch (err) {
      this.log.error(`Test run failed: ${errorMessage(err)}`);
      run.appendOutput(`Test run failed: ${errorMessage(err)}\r\n`);
    } finally {
      run.end();
      for (const l of links) l.dispose();
      cancel.dispose();
      this.finished.fire();
    }
    return outcomes;
  }

  private async runRoot(run: vscode.TestRun, root: string, prompts: Map<string, Set<string> | undefined>, repeat: number, token: vscode.CancellationToken): Promise<TestOutcome[]> {
    const items = new Map<string, vscode.TestItem>();
    for (const promptPath of prompts.keys()) {
      const parent = this.controller.items.get(vscode.Uri.file(promptPath).toString());
      for (const child of parent ? children(parent) : []) {
        const wanted = prompts.get(promptPath);
        if (wanted && !wanted.has(child.id)) continue;
        items.set(resultKey(relativePath(root, promptPath), child.id), child);
        run.enqueued(child);
      }
    }
    const all = [...items.values()];
    const endAll = (state: 'errored' | 'skipped', message: string): TestOutcome[] => {
      run.appendOutput(`${message}\r\n`);
      return all.map((item) => {
        if (state === 'errored') run.errored(item, messageAt(message, item));
        else run.skipped(item);
        return { id: item.id, promptPath: testData.get(item)?.promptPath ?? '', state, messages: [message] };
      });
    };
    if (!vscode.workspace.isTrusted) return endAll('errored', UNTRUSTED_REASON);

    const config = await this.settings.configFor(vscode.Uri.file(root));
    const plan = await this.plan(root, prompts, config);
    const results = new Map<string, TestResult[]>();
    if (!plan.prompts.length) return this.reportUnfinished(run, items, results, plan, repeat);
    const provider = await chooseProvider({ config, keys: this.keys, log: this.log, promptPaths: plan.prompts.map((p) => p.prompt.path) });
    if (!provider.ok) {
      void this.log.showError(provider.message);
      return endAll('errored', provider.message);
    }
    const stores = storePaths(root);
    const traceLog = new TraceLog(stores.traces, { secrets: provider.secrets });
    const cache = this.settings.responseCache(root, provider.secrets);
    const estimate = await estimatePlan(plan, { config, repeat, traceLog, cache });
    run.appendOutput(`${provider.label}: ${plan.prompts.reduce((n, p) => n + p.cases.length, 0)} tests × ${repeat}, estimated ${describeEstimate(estimate, estimate.exactInputTokens)}\r\n`);
    const maxCostUsd = await confirmBudget(estimate, config);
    if (maxCostUsd === false) return endAll('skipped', 'Run cancelled: the estimate is over the budget.');

    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    const outcomes: TestOutcome[] = [];
    for (const item of all) run.started(item);
    try {
      const outcome = await runEval(plan, {
        provider: provider.provider,
        config,
        repeat,
        concurrency: config.concurrency,
        cache,
        traceLog,
        runStore: new RunStore(root),
        trusted: vscode.workspace.isTrusted,
        signal: abort.signal,
        maxCostUsd,
        estimate,
        secrets: provider.secrets,
        onEvent: (event) => {
          if (event.type === 'budget-stopped') run.appendOutput(`${event.message}\r\n`);
          if (event.type !== 'test-done') return;
          const key = resultKey(event.result.promptPath, event.result.id);
          const item = items.get(key);
          const done = [...(results.get(key) ?? []), event.result];
          results.set(key, done);
          if (!item || done.length < repeat) return;
          outcomes.push(this.report(run, item, done));
        },
      });
      if (!outcome.ok) return endAll('errored', `${outcome.message} ${outcome.hint}`);
      for (const record of outcome.runs) {
        run.appendOutput(`${record.prompt.path}: ${record.totals.passed}/${record.totals.tests} passed · ${formatCostSum(record.totals.costUsd + record.totals.judgeCostUsd, record.totals.costIncomplete)} · run ${record.runId}\r\n`);
      }
    } finally {
      cancel.dispose();
    }
    return [...outcomes, ...this.reportUnfinished(run, items, results, plan, repeat)];
  }

  /** Tests cut short (cancelled, budget stop) or never planned (a file with errors) get a state too. */
  private reportUnfinished(run: vscode.TestRun, items: Map<string, vscode.TestItem>, results: Map<string, TestResult[]>, plan: Plan, repeat: number): TestOutcome[] {
    const outcomes: TestOutcome[] = [];
    for (const [key, item] of items) {
      const done = results.get(key) ?? [];
      if (done.length >= repeat) continue;
      const errors = plan.problems.filter((p) => p.severity === 'error' && (p.file === item.uri?.fsPath || p.file === testData.get(item)?.promptPath));
      // The problem on this test's own line (a vars mistake), else the first one of its files.
      const problem = errors.find((p) => item.range && p.range.start.line - 1 === item.range.start.line) ?? errors[0];
      if (problem) {
        run.errored(item, messageAt(`${problem.message} ${problem.hint ?? ''}`.trim(), item));
        outcomes.push({ id: item.id, promptPath: testData.get(item)?.promptPath ?? '', state: 'errored', messages: [problem.message] });
      } else if (done.length) {
        outcomes.push(this.report(run, item, done));
      } else {
        run.skipped(item);
        outcomes.push({ id: item.id, promptPath: testData.get(item)?.promptPath ?? '', state: 'skipped', messages: [] });
      }
    }
    return outcomes;
  }

  private report(run: vscode.TestRun, item: vscode.TestItem, results: TestResult[]): TestOutcome {
    const data = testData.get(item);
    const threshold = data?.kind === 'case' ? data.test.threshold : 1;
    const summary = summarize(results);
    const location = item.uri && item.range ? new vscode.Location(item.uri, item.range) : undefined;
    for (const r of results) run.appendOutput(`${formatResultLine(item.id, r, threshold)}\r\n`, location, item);
    const messages = failureMessages(results, threshold).map((m) => {
      const message = m.expected !== undefined && m.actual !== undefined ? vscode.TestMessage.diff(m.text, m.expected, m.actual) : new vscode.TestMessage(m.text);
      message.location = location;
      return message;
    });
    if (summary.state === 'passed') run.passed(item, summary.durationMs);
    else if (summary.state === 'errored') run.errored(item, messages, summary.durationMs);
    else run.failed(item, messages, summary.durationMs);
    return { id: item.id, promptPath: data?.promptPath ?? '', state: summary.state, score: summary.meanScore, messages: messages.map((m) => String(typeof m.message === 'string' ? m.message : m.message.value)) };
  }

  /** The prompts and tests a request asks for, grouped by workspace root (children loaded first). */
  private async select(request: vscode.TestRunRequest): Promise<Selection> {
    const roots = request.include ?? (await this.tree.resolveAll());
    const excluded = new Set(request.exclude ?? []);
    const selection: Selection = new Map();
    for (const item of roots) {
      if (excluded.has(item)) continue;
      const data = testData.get(item);
      if (!data) continue;
      const prompts = selection.get(data.root) ?? new Map<string, Set<string> | undefined>();
      selection.set(data.root, prompts);
      if (data.kind === 'prompt') {
        await this.tree.resolve(item);
        const kept = children(item).filter((c) => !excluded.has(c));
        prompts.set(data.promptPath, kept.length === item.children.size ? undefined : new Set(kept.map((c) => c.id)));
      } else if (!prompts.has(data.promptPath) || prompts.get(data.promptPath) !== undefined) {
        // A test whose whole prompt is already selected adds nothing.
        prompts.set(data.promptPath, (prompts.get(data.promptPath) ?? new Set<string>()).add(data.test.id));
      }
    }
    return selection;
  }

  private async plan(root: string, prompts: Map<string, Set<string> | undefined>, config: ProjectConfig): Promise<Plan> {
    const plans = await Promise.all(
      [...prompts].map(([promptPath, ids]) => buildPlan({ workspaceRoot: root, paths: [promptPath], config, testIds: ids ? [...ids] : undefined })),
    );
    const partial = [...prompts.values()].some((ids) => ids !== undefined);
    // A prompt whose files have errors is not run (its tests are reported as errored); the others run.
    const runnable = plans.flatMap((p) => p.prompts).filter((p) => !hasErrors(p.prompt.problems) && !hasErrors(p.suite.problems));
    return {
      workspaceRoot: root,
      prompts: runnable,
      problems: plans.flatMap((p) => p.problems),
      untested: plans.flatMap((p) => p.untested),
      selection: partial ? plans.flatMap((p) => p.selection ?? p.prompts.flatMap((pp) => pp.cases.map((c) => c.test.id))) : undefined,
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function children(item: vscode.TestItem): vscode.TestItem[] {
  const out: vscode.TestItem[] = [];
  item.children.forEach((c) => out.push(c));
  return out;
}

function resultKey(relPromptPath: string, testId: string): string {
  return `${relPromptPath}\u0000${testId}`;
}

function messageAt(text: string, item: vscode.TestItem): vscode.TestMessage {
  const message = new vscode.TestMessage(text);
  if (item.uri && item.range) message.location = new vscode.Location(item.uri, item.range);
  return message;
}
