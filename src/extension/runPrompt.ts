import * as path from 'node:path';
import pLimit from 'p-limit';
import * as vscode from 'vscode';
import { formatCount, formatUsd } from '../core/format';
import { commitOfFile } from '../core/gitInfo';
import { ModelCaller } from '../core/modelCall';
import { formatProblem, hasErrors } from '../core/problems';
import { renderPrompt } from '../core/render';
import { relativePath } from '../core/runPlan';
import { testsPathFor } from '../core/testsFile';
import { storePaths } from '../core/store/storeDir';
import { TraceLog } from '../core/store/traceLog';
import type { PromptFile, ProviderError, TestSuite, Usage } from '../core/types';
import { uriArgument } from './commandArgs';
import { registerCommand } from './commands';
import { errorMessage, type Log } from './log';
import { isPromptDocument } from './languages';
import { PromptDocuments } from './promptDocuments';
import { describeProviderError } from './providerErrors';
import { chooseProvider } from './providerFactory';
import type { RunPage, RunView } from './runView';
import type { ApiKeys } from './secrets';
import { Settings, workspaceRootFor } from './settings';
import { mayRun } from './trust';

/** Arguments for scripted use (tests, other commands): skip the quick pick. */
export interface RunPromptOptions {
  testId?: string;
  vars?: Record<string, unknown>;
}

export type RunPromptResult =
  | { ok: true; text: string; traceId: string; usage: Usage; costUsd: number | null; latencyMs: number; page: string }
  | { ok: false; message: string };

interface VarsChoice {
  vars: Record<string, unknown>;
  testId?: string;
  label: string;
}

/** `PromptOps: Run Prompt`: pick variables, stream the answer into the run view, write a trace. */
export class PromptRunner {
  private readonly finished = new vscode.EventEmitter<vscode.Uri>();
  /** A run wrote a trace (the status bar's spend changed). */
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly documents: PromptDocuments,
    private readonly settings: Settings,
    private readonly keys: ApiKeys,
    private readonly view: RunView,
    private readonly log: Log,
  ) {}

  register(): vscode.Disposable[] {
    return [
      this.finished,
      registerCommand('promptops.runPrompt', (target?: unknown, options?: RunPromptOptions) => this.run(uriArgument(target), options ?? {}), this.log),
    ];
  }

  async run(target: vscode.Uri | undefined, options: RunPromptOptions): Promise<RunPromptResult> {
    if (!mayRun()) return { ok: false, message: 'untrusted workspace' };
    const uri = target ?? activePromptUri();
    if (!uri) return this.fail('Open a .prompt file to run it.');
    const prompt = await this.documents.promptAt(uri);
    if (!prompt) return this.fail(`Cannot read ${uri.fsPath}.`);
    if (hasErrors(prompt.problems)) return this.failWithProblems(prompt, `${path.basename(prompt.path)} has errors; fix them (see Problems) before running it.`);

    const suite = await this.documents.suiteForPrompt(prompt).catch(() => undefined);
    if (options.testId !== undefined && !suite?.tests.some((t) => t.id === options.testId)) {
      return this.fail(`No test "${options.testId}" in ${path.basename(suite?.path ?? testsPathFor(prompt.path))}.`);
    }
    const choice = await pickVars(prompt, suite, options);
    if (!choice) return { ok: false, message: 'cancelled' };

    const config = await this.settings.configFor(uri);
    const rendered = await renderPrompt(prompt, choice.vars, config);
    if (!rendered.ok) {
      const first = rendered.problems[0];
      return this.fail(`Cannot render ${path.basename(prompt.path)} with ${choice.label}: ${first?.message ?? 'unknown problem'} ${first?.hint ?? ''}`.trim());
    }
    const provider = await chooseProvider({ config, keys: this.keys, log: this.log, promptPaths: [prompt.path] });
    if (!provider.ok) {
      void this.log.showError(provider.message, 'Set API Key').then((picked) => {
        if (picked === 'Set API Key') void vscode.commands.executeCommand('promptops.setApiKey');
      });
      return { ok: false, message: provider.message };
    }

    const request = rendered.request;
    const root = workspaceRootFor(uri);
    const page = await this.view.open(
      `${path.basename(prompt.path, '.prompt')} (${choice.testId ?? 'defaults'})`,
      `# ${path.basename(prompt.path)} · ${choice.label}\n\n${request.model} · ${provider.label}\n\n---\n\n`,
    );
    const controller = new AbortController();
    const closing = page.closed(() => controller.abort());
    this.log.info(`Running ${prompt.path} with ${choice.label} on ${request.model} (${provider.label}).`);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Running ${path.basename(prompt.path)}`, cancellable: true },
        async (_progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          let streamedChars = 0;
          const caller = new ModelCaller({
            provider: provider.provider,
            config,
            traceLog: new TraceLog(storePaths(root).traces, { secrets: provider.secrets }),
            limit: pLimit(1),
            signal: controller.signal,
            secrets: provider.secrets,
          });
          const outcome = await caller.call(
            request,
            {
              kind: 'prompt',
              promptPath: relativePath(root, prompt.path),
              promptHash: prompt.hash,
              commit: await commitOfFile(prompt.path),
              testId: choice.testId,
              repeatIndex: 0,
            },
            {
              onText: (delta) => {
                streamedChars += delta.length;
                page.append(delta);
              },
            },
          );
          if (outcome.status === 'skipped') {
            page.finish('\n\n---\n\n_Cancelled before the call started._\n');
            return { ok: false, message: 'cancelled' };
          }
          this.finished.fire(uri);
          const result = outcome.result;
          if (!result.ok) return this.providerFailed(page, result.error, controller.signal.aborted, outcome.traceId);
          const response = result.response;
          // Recorded answers arrive whole, not streamed.
          if (streamedChars === 0) page.append(response.text);
          page.finish(footer(response.usage, outcome.costUsd, response.latencyMs, outcome.traceId, response.recorded));
          this.log.info(`Run of ${prompt.path} done: trace ${outcome.traceId}.`);
          return { ok: true, text: response.text, traceId: outcome.traceId, usage: response.usage, costUsd: outcome.costUsd, latencyMs: response.latencyMs, page: page.uri.toString() };
        },
      );
    } catch (err) {
      return this.fail(`Running ${path.basename(prompt.path)} failed: ${errorMessage(err)}`);
    } finally {
      closing.dispose();
    }
  }

  private providerFailed(page: RunPage, error: ProviderError, aborted: boolean, traceId: string): RunPromptResult {
    if (aborted) {
      page.finish(`\n\n---\n\n_Cancelled._ Trace ${traceId}\n`);
      return { ok: false, message: 'cancelled' };
    }
    const message = describeProviderError(error);
    page.finish(`\n\n---\n\n**Error:** ${message}\n\nTrace ${traceId}\n`);
    void this.log.showError(message, ...(error.type === 'auth' ? ['Set API Key'] : [])).then((picked) => {
      if (picked === 'Set API Key') void vscode.commands.executeCommand('promptops.setApiKey');
    });
    return { ok: false, message };
  }

  private fail(message: string): RunPromptResult {
    void this.log.showError(message);
    return { ok: false, message };
  }

  private failWithProblems(prompt: PromptFile, message: string): RunPromptResult {
    for (const p of prompt.problems) this.log.warn(formatProblem(p));
    void this.log.showError(message, 'Show Problems').then((picked) => {
      if (picked) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return { ok: false, message };
  }
}

function activePromptUri(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && isPromptDocument(document) ? document.uri : undefined;
}

async function pickVars(prompt: PromptFile, suite: TestSuite | undefined, options: RunPromptOptions): Promise<VarsChoice | undefined> {
  if (options.vars) return { vars: options.vars, label: 'the given variables' };
  const tests = suite?.tests ?? [];
  if (options.testId !== undefined) {
    const test = tests.find((t) => t.id === options.testId);
    return test ? { vars: test.vars, testId: test.id, label: `test "${test.id}"` } : undefined;
  }
  const defaults: VarsChoice = { vars: {}, label: 'the input defaults' };
  if (!tests.length) return defaults;
  type Item = vscode.QuickPickItem & { choice: VarsChoice };
  const items: Item[] = [
    { label: '$(symbol-variable) Input defaults', description: preview(prompt.inputDefaults), choice: defaults },
    ...tests.map((t): Item => ({ label: t.id, description: t.description, detail: preview(t.vars), choice: { vars: t.vars, testId: t.id, label: `test "${t.id}"` } })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Run ${path.basename(prompt.path)} with…`, matchOnDescription: true, matchOnDetail: true });
  return picked?.choice;
}

function preview(vars: Record<string, unknown>): string {
  const text = Object.entries(vars)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ')
    .replace(/\s+/g, ' ');
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function footer(usage: Usage, costUsd: number | null, latencyMs: number, traceId: string, recorded: boolean | undefined): string {
  const tokens = `${formatCount(usage.inputTokens)} in · ${formatCount(usage.outputTokens)} out`;
  const label = recorded ? '\n\n_Recorded answer (hand-written or from an earlier live run), not a live model call._' : '';
  return `\n\n---\n\ntokens ${tokens} · cost ${formatUsd(costUsd)} · latency ${formatCount(latencyMs)} ms · trace ${traceId}${label}\n`;
}
