import * as vscode from 'vscode';
import { estimateRunCost, type EstimateBasis } from '../core/costEstimate';
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

const TYPING_PAUSE_MS = 1000;

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
  /** Output tokens of each prompt's past calls; read once, as scanning a large trace log on every pause in typing would lag. */
  private readonly history = new Map<string, Promise<number[]>>();
  private counter: Promise<TokenCounter | undefined> | undefined;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
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
    this.disposables.push(
      settings.onDidChange(reset),
      keys.onDidChange(reset),
    );
  }

  private recountAfterPause(delayMs: number): void {
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.changed.fire(), delayMs + 10);
  }

  /**
   * The estimate for the document's current text; starts an exact count in the background when possible.
   * While the user is typing, the previous text's figure is answered and the recount waits for a pause:
   * rendering a 100 KB template takes a few hundred milliseconds of the extension host.
   */
  forDocument(document: vscode.TextDocument): Promise<PromptCallCost | undefined> {
    const cached = this.cache.get(document.uri.toString());
    const idle = this.documents.msSinceEdit(document);
    if (cached && idle < TYPING_PAUSE_MS) {
      this.recountAfterPause(TYPING_PAUSE_MS - idle);
      return cached.value;
    }
    const prompt = this.documents.prompt(document);
    const key = prompt.hash;
    if (cached?.key === key) return cached.value;
    const value = this.estimate(document.uri, prompt).catch((err) => {
      this.log.warn(`Token estimate of ${document.uri.fsPath} failed: ${errorMessage(err)}`);
      return undefined;
    });
    this.cache.set(document.uri.toString(), { key, value });
    return value;
  }

  private async estimate(uri: vscode.Uri, prompt: PromptFile): Promise<PromptCallCost | undefined> {
    const preview = await this.documents.previewRequest(prompt, uri);
    if (!preview) return undefined;
    const { request, testId } = preview;
    const config = await this.settings.configFor(uri);
    const root = workspaceRootFor(uri);
    const history = await this.outputHistory(root, prompt.path);
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
        varsFrom: testId === undefined ? 'the input defaults' : `test "${testId}"`,
      };
    };
    const estimated = cost(estimateTokens(request).total, false);
    if (this.settings.editorSetting<boolean>('tokens.exactCounts', uri) !== false) {
      // In the background: the estimate stands when the count fails (e.g. the secret storage cannot be read).
      this.countExactly(uri, prompt.hash, request, cost).catch((err) => this.log.warn(`Exact token count of ${uri.fsPath} failed: ${errorMessage(err)}`));
    }
    return estimated;
  }

  /** A run wrote traces: the expected output length (and so the cost per call) may have changed. */
  forgetHistory(): void {
    this.history.clear();
    this.cache.clear();
    this.changed.fire();
  }

  private outputHistory(root: string, promptPath: string): Promise<number[]> {
    const rel = relativePath(root, promptPath);
    let pending = this.history.get(`${root}\u0000${rel}`);
    if (!pending) {
      pending = new TraceLog(storePaths(root).traces).outputTokensFor(rel).catch(() => []);
      this.history.set(`${root}\u0000${rel}`, pending);
    }
    return pending;
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
    this.changed.fire();
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
    clearTimeout(this.pauseTimer);
    for (const d of this.disposables) d.dispose();
  }
}
