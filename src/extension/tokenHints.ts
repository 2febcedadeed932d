import * as vscode from 'vscode';
import { formatCount } from '../core/format';
import { blockTokens, type BlockTokens } from './blockTokens';
import { PROMPT_SELECTOR } from './languages';
import { PromptDocuments } from './promptDocuments';
import type { Settings } from './settings';

// Counting waits for this pause in typing, so keystrokes in a large prompt never queue a recount each.
const TYPING_PAUSE_MS = 250;

/**
 * `≈312 tokens` at the end of each `{{role}}` marker line. Counts are cached by document version and
 * computed after a pause in typing; a request VS Code cancels (the next keystroke) computes nothing.
 */
export class TokenHints implements vscode.InlayHintsProvider {
  private readonly cache = new WeakMap<vscode.TextDocument, { version: number; blocks: BlockTokens[] }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;

  constructor(
    private readonly documents: PromptDocuments,
    private readonly settings: Settings,
  ) {}

  register(): vscode.Disposable[] {
    return [
      this.changed,
      vscode.languages.registerInlayHintsProvider(PROMPT_SELECTOR, this),
      this.settings.onDidChange(() => this.changed.fire()),
    ];
  }

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): Promise<vscode.InlayHint[]> {
    if (this.settings.editorSetting<boolean>('tokenHints.enabled', document.uri) === false) return [];
    const blocks = await this.blocks(document, token);
    if (!blocks) return [];
    return blocks
      .filter((b) => b.line >= range.start.line && b.line <= range.end.line && b.line < document.lineCount)
      .map((b) => {
        const hint = new vscode.InlayHint(document.lineAt(b.line).range.end, `≈${formatCount(b.tokens)} tokens`);
        hint.paddingLeft = true;
        hint.tooltip = `Offline estimate of the ${b.role} message as written (variables not filled in). The CodeLens above counts the rendered request.`;
        return hint;
      });
  }

  /** Per-block counts of the document's current version; undefined when cancelled while waiting for a pause. */
  async blocks(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<BlockTokens[] | undefined> {
    const cached = this.cache.get(document);
    if (cached?.version === document.version) return cached.blocks;
    const idle = this.documents.msSinceEdit(document);
    if (idle < TYPING_PAUSE_MS) {
      await new Promise((resolve) => setTimeout(resolve, TYPING_PAUSE_MS - idle));
      if (token?.isCancellationRequested || document.isClosed) return undefined;
      return this.blocks(document, token);
    }
    const version = document.version;
    const blocks = blockTokens(this.documents.prompt(document));
    this.cache.set(document, { version, blocks });
    return blocks;
  }
}
