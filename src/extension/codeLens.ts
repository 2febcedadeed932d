import * as vscode from 'vscode';
import { formatCount, formatUsd } from '../core/format';
import { PROMPT_SELECTOR } from './languages';
import { PromptDocuments } from './promptDocuments';
import type { PromptCallCost, PromptTokens } from './promptTokens';
import type { Settings } from './settings';
import { UNTRUSTED_REASON } from './trust';

/** `▶ Run · Run tests (N) · ≈1,234 tokens · $0.0041/call · History` on the first line of every prompt. */
export class PromptCodeLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly documents: PromptDocuments,
    private readonly tokens: PromptTokens,
    private readonly settings: Settings,
  ) {}

  register(): vscode.Disposable[] {
    const refresh = () => this.changed.fire();
    return [
      this.changed,
      vscode.languages.registerCodeLensProvider(PROMPT_SELECTOR, this),
      this.tokens.onDidChange(refresh),
      this.settings.onDidChange(refresh),
      vscode.workspace.onDidGrantWorkspaceTrust(refresh),
    ];
  }

  /** After a tests file changed on disk, the test count may have. */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (this.settings.editorSetting<boolean>('codeLens.enabled', document.uri) === false) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const prompt = this.documents.prompt(document);
    const [suite, cost] = await Promise.all([this.documents.suiteForPrompt(prompt).catch(() => undefined), this.tokens.forDocument(document)]);
    const lenses: vscode.CodeLens[] = [];
    if (vscode.workspace.isTrusted) {
      lenses.push(new vscode.CodeLens(top, { title: '▶ Run', command: 'promptops.runPrompt', arguments: [document.uri], tooltip: 'Run this prompt with a test case\'s variables or the input defaults' }));
      if (suite) {
        lenses.push(new vscode.CodeLens(top, { title: `Run tests (${suite.tests.length})`, command: 'promptops.runTests', arguments: [document.uri], tooltip: `Run the tests in ${vscode.workspace.asRelativePath(suite.path)}` }));
      }
    } else {
      lenses.push(new vscode.CodeLens(top, { title: '$(shield) Runs disabled: untrusted workspace', command: 'workbench.trust.manage', tooltip: UNTRUSTED_REASON }));
    }
    if (cost) lenses.push(new vscode.CodeLens(top, { title: costTitle(cost), command: '', tooltip: costTooltip(cost) }));
    lenses.push(new vscode.CodeLens(top, { title: 'History', command: 'promptops.showHistory', arguments: [document.uri], tooltip: 'Eval scores of this prompt across Git commits' }));
    return lenses;
  }
}

/** `≈1,234 tokens · $0.0041/call`; `≤` marks a cost that is an upper bound (no output history yet). */
function costTitle(cost: PromptCallCost): string {
  const tokens = `${cost.exact ? '' : '≈'}${formatCount(cost.inputTokens)} tokens`;
  const usd = cost.costPerCallUsd === null ? 'cost unknown' : `${cost.basis === 'max_tokens' ? '≤' : ''}${formatUsd(cost.costPerCallUsd)}/call`;
  return `${tokens} · ${usd}`;
}

function costTooltip(cost: PromptCallCost): string {
  const count = cost.exact ? 'Input tokens counted by the API' : 'Input tokens estimated offline (set an API key for an exact count)';
  const output =
    cost.basis === 'max_tokens'
      ? 'output priced at max_tokens, an upper bound until this prompt has runs in the trace log'
      : 'output priced at the median output of this prompt\'s past calls';
  return `${count}, rendered with ${cost.varsFrom}, for ${cost.model}; ${output}.`;
}
