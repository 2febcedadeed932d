import * as vscode from 'vscode';
import { formatUsd } from '../core/format';
import { knownModelIds, priceFor } from '../core/pricing';
import { KNOWN_HELPERS } from '../core/templateScan';
import { PROMPT_SELECTOR } from './languages';
import { PromptDocuments } from './promptDocuments';
import { inputVariables, schemaTypeLabel } from './promptSchema';
import type { Settings } from './settings';

const MODEL_LINE = /^(\s*model:\s*["']?)((?:anthropic\/)?[\w.:-]*)$/;
// An expression opened on this line and not closed before the cursor, and the word typed so far.
const OPEN_EXPRESSION = /\{\{\{?~?\s*(?:[#^/>]\s*)?(?:[\w-]+\s+)*([\w.@-]*)$/;

/** Input variables inside `{{ }}` (and the template helpers), model ids after `model:` in the front matter. */
export class PromptCompletions implements vscode.CompletionItemProvider {
  constructor(
    private readonly documents: PromptDocuments,
    private readonly settings: Settings,
  ) {}

  register(): vscode.Disposable {
    return vscode.languages.registerCompletionItemProvider(PROMPT_SELECTOR, this, '{', ' ', ':', '/');
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const model = MODEL_LINE.exec(before);
    const open = before.lastIndexOf('}}') > before.lastIndexOf('{{') ? null : OPEN_EXPRESSION.exec(before);
    // Decided from the line alone first: most keystrokes (a space in prose) then cost no parse of a large file.
    if (!model && !open) return undefined;
    const prompt = this.documents.prompt(document);
    const inFrontMatter = position.line + 1 < prompt.templateStartLine;
    if (inFrontMatter) {
      return model ? this.models(document, new vscode.Range(position.line, model[1].length, position.line, position.character)) : undefined;
    }
    if (!open) return undefined;
    const range = new vscode.Range(position.line, position.character - open[1].length, position.line, position.character);
    const items: vscode.CompletionItem[] = [];
    for (const [name, schema] of inputVariables(prompt)) {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Variable);
      item.range = range;
      item.detail = schemaTypeLabel(schema);
      if (typeof schema?.description === 'string') item.documentation = schema.description;
      item.sortText = `0${name}`;
      items.push(item);
    }
    for (const helper of KNOWN_HELPERS) {
      const item = new vscode.CompletionItem(helper, vscode.CompletionItemKind.Function);
      item.range = range;
      item.detail = 'template helper';
      item.sortText = `1${helper}`;
      if (helper === 'role') item.insertText = new vscode.SnippetString('role "${1|system,user,model|}"');
      items.push(item);
    }
    return items;
  }

  private models(document: vscode.TextDocument, range: vscode.Range): vscode.CompletionItem[] {
    const { pricing } = this.settings.configSnapshot(document.uri);
    const ids = new Set([...knownModelIds(), ...Object.keys(pricing)]);
    return [...ids].map((id, i) => {
      const item = new vscode.CompletionItem(id, vscode.CompletionItemKind.Value);
      item.range = range;
      item.sortText = String(i).padStart(4, '0');
      const price = priceFor(id, pricing);
      item.detail = price ? `${formatUsd(price.input)} in · ${formatUsd(price.output)} out per million tokens` : 'no price: cost unknown';
      return item;
    });
  }
}
