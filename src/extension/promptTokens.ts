import * as vscode from 'vscode';
import { estimateRunCost, type EstimateBasis } from '../core/costEstimate';
import { renderPrompt } from '../core/render';
import { relativePath } from '../core/runPlan';
import { storePaths } from '../core/store/storeDir';
import { TraceLog } from '../core/store/traceLog';
import { createTokenCounter, type TokenCounter } from '../core/tokenCounter';
import { estimateTokens } from '../core/tokens';
import type { LlmRequest, PromptFile } from '../core/types';
import { errorMessage, type Log } from './log';
import { PromptDocuments } from './promptDocuments';
import { chooseProvider } from './providerFactory';
import type { ApiKeys } from './secrets';
import { Settings, workspaceRootFor } from './settings';

/** What one call of a prompt costs: its input tokens and the expected price of a call. */
export interface PromptCallCost {
  inputTokens: number;
  /** Counted by the API (`count_tokens`); false = the offline estimate (shown with `≈`). */
  exact: boolean;
  costPerCallUsd: number | null;
  /** `max_tokens`: no output history yet, so the cost is an upper bound. */
  basis: Exclude<EstimateBasis, 'mixed'>;
  model: string;
  /** Whose variables the template was rendered with. */
  varsFrom: string;
}

/**
 * Tokens and cost per call of the prompts in the editor, for the CodeLens: the offline estimate at once,
 * then the exact count when a key is set (`onDidChange` fires when it arrives). Cached by prompt content.
 */
export class PromptTokens implements vscode.Disposable {
  private readonly cache = new Map<string, { key: string; value: Promise<PromptCallCost | undefined> }>();
  private counter: Promise<TokenCounter | undefined> | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly documents: PromptDocuments,
    private readonly settings: Settings,
    private readonly keys: ApiKeys,
    private readonly log: Log,
  ) {
    const reset = () => {
      this.cache.clear();
      this.counter = undefined;
    };
    this.disposables.push(settings.onDidChange(reset), keys.onDidChange(reset));
  }

  /** The estimate for the document's current text; starts an exact count in the background when possible. */
  forDocument(document: vscode.TextDocument): Promise<PromptCallCost | undefined> {
    const prompt = this.documents.prompt(document);
    const key = prompt.hash;
    const cached = this.cache.get(document.uri.toString());
    if (cached?.key === key) return cached.value;
    const value = this.estimate(document.uri, prompt).catch((err) => {
      this.log.warn(`Token estimate of ${document.uri.fsPath} failed: ${errorMessage(err)}`);
      return undefined;
    });
    this.cache.set(document.uri.toString(), { key, value });
    return value;
  }

  private async estimate(uri: vscode.Uri, prompt: PromptFile): Promise<PromptCallCost | undefined> {
    const config = await this.settings.configFor(uri);
    const suite = await this.documents.suiteForPrompt(prompt).catch(() => undefined);
    const first = suite?.tests[0];
    const rendered = await renderPrompt(prompt, first?.vars ?? {}, config);
    if (!rendered.ok) return undefined;
    const request = rendered.request;
    const root = workspaceRootFor(uri);
    const history = await new TraceLog(storePaths(root).traces).outputTokensFor(relativePath(root, prompt.path)).catch(() => []);
    const cost = (inputTokens: number, exact: boolean): PromptCallCost => {
      const run = estimateRunCost({
        prompts: [{ promptPath: prompt.path, tests: [{ request }], outputTokensHistory: history }],
        overrides: config.pricing,
        inputTokens: () => inputTokens,
      });
      return {
        inputTokens,
        exact,
        costPerCallUsd: run.totalUsd,
        basis: run.perPrompt[0]?.basis ?? 'max_tokens',
        model: request.model,
        varsFrom: first ? `test "${first.id}"` : 'the input defaults',
      };
    };
    const estimated = cost(estimateTokens(request).total, false);
    if (this.settings.editorSetting<boolean>('tokens.exactCounts', uri) !== false) void this.countExactly(uri, prompt.hash, request, cost);
    return estimated;
  }

  private async countExactly(uri: vscode.Uri, hash: string, request: LlmRequest, cost: (tokens: number, exact: boolean) => PromptCallCost): Promise<void> {
    const counter = await this.exactCounter(uri);
    if (!counter) return;
    const count = await counter.count(request);
    if (count.fallbackReason) this.log.warn(`${uri.fsPath}: ${count.fallbackReason}`);
    if (!count.exact) return;
    const entry = this.cache.get(uri.toString());
    if (entry?.key !== hash) return;
    entry.value = Promise.resolve(cost(count.total, true));
    this.changed.fire(uri);
  }

  private exactCounter(uri: vscode.Uri): Promise<TokenCounter | undefined> {
    this.counter ??= (async () => {
      if (!vscode.workspace.isTrusted) return undefined;
      const config = await this.settings.configFor(uri);
      const choice = await chooseProvider({ config, keys: this.keys, log: this.log, promptPaths: [] });
      return choice.ok && choice.provider.countTokens ? createTokenCounter({ provider: choice.provider }) : undefined;
    })();
    return this.counter;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
